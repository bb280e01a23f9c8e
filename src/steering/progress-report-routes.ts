import type { GripApp } from '../platform/http/types.ts';

/** The progress report per programme and period (issue 7, point 5). */
export function registerProgressReportRoutes(_app: GripApp): void {}
