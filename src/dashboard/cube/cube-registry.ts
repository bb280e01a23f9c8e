import { CLIENT_FLOWS } from './client-flows.ts';
import {
  CLIENTS,
  INTAKE,
  INTAKE_PROBLEMS,
  MAATWERK_CLIENTS,
  SUPPORT,
  type CubeMeasure,
} from './cube-measures.ts';
import { EVALUATION_CHANGE } from './evaluation-change.ts';
import { HOUSEHOLD_OVERLAP } from './household-overlap.ts';
import { LEGAL_DECISIONS, LEGAL_MELDINGEN, LEGAL_OPEN_PAST_TERM } from './legal-terms.ts';
import { MONEY_CLIENTS, MONEY_COMMITMENTS, MONEY_SUMS } from './money-cells.ts';
import { QUESTIONS } from './questions.ts';

/** Every measure of the count cube, in the order a build applies them. */
export const CUBE_MEASURES: readonly CubeMeasure[] = [
  CLIENTS,
  MAATWERK_CLIENTS,
  CLIENT_FLOWS,
  SUPPORT,
  INTAKE,
  INTAKE_PROBLEMS,
  EVALUATION_CHANGE,
  HOUSEHOLD_OVERLAP,
  MONEY_CLIENTS,
  MONEY_SUMS,
  MONEY_COMMITMENTS,
  LEGAL_DECISIONS,
  LEGAL_MELDINGEN,
  LEGAL_OPEN_PAST_TERM,
  QUESTIONS,
];
