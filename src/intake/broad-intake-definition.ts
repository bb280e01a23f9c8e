import { LIFE_DOMAIN_CODES, type QuestionnaireDefinition } from './questionnaire-definition.ts';

/**
 * "Brede intake", version 1: the broad intake every demo municipality starts with, the same questions
 * at the desk, on the phone, at home and in the resident's own online form. Plain Dutch (B1) with English.
 */

const opt = (value: string, nl: string, en: string) => ({ value, label: { nl, en } });

export const BREDE_INTAKE_NAME = 'Brede intake';

export const BREDE_INTAKE_DEFINITION: QuestionnaireDefinition = {
  questions: [
    {
      id: 'hulpvraag',
      type: 'text',
      required: true,
      maxLength: 4000,
      label: {
        nl: 'Waar wilt u hulp bij? Vertel het in uw eigen woorden.',
        en: 'What would you like help with? Tell us in your own words.',
      },
      help: {
        nl: 'Schrijf op wat er aan de hand is en wat u graag anders wilt. Het hoeft niet lang te zijn.',
        en: 'Write down what is going on and what you would like to change. It does not have to be long.',
      },
    },
    {
      id: 'onderwerpen',
      type: 'multiChoice',
      required: true,
      label: {
        nl: 'Waar gaat uw vraag over? U mag meer dan één ding kiezen.',
        en: 'What is your question about? You may choose more than one.',
      },
      options: [
        opt('inkomen', 'Geld en inkomen', 'Money and income'),
        opt('schulden', 'Schulden', 'Debts'),
        opt('werk', 'Werk', 'Work'),
        opt('huishouden', 'Het huishouden doen', 'Doing the housework'),
        opt(
          'zelfzorg',
          'Mezelf verzorgen (wassen, aankleden, eten)',
          'Looking after myself (washing, dressing, eating)',
        ),
        opt('mobiliteit', 'Vervoer en bewegen', 'Getting around'),
        opt('wonen', 'Wonen en mijn woning', 'Housing and my home'),
        opt('gezondheid', 'Gezondheid', 'Health'),
        opt('psychisch', 'Hoe ik me voel (psychisch)', 'How I feel (mental health)'),
        opt('eenzaamheid', 'Eenzaam zijn', 'Loneliness'),
        opt('dagbesteding', 'Iets te doen hebben overdag', 'Something to do during the day'),
        opt('opvoeding', 'Opvoeden en opgroeien', 'Parenting and growing up'),
        opt('onderwijs', 'School of opleiding', 'School or education'),
        opt(
          'mantelzorg',
          'Zorgen voor iemand anders (mantelzorg)',
          'Caring for someone else (informal care)',
        ),
        opt('verslaving', 'Alcohol, drugs of gokken', 'Alcohol, drugs or gambling'),
        opt('veiligheid', 'Veiligheid thuis', 'Safety at home'),
      ],
    },
    {
      id: 'zelf',
      type: 'choice',
      required: true,
      label: {
        nl: 'Kunt u zelf iets doen om dit op te lossen?',
        en: 'Can you do something yourself to solve this?',
      },
      options: [opt('ja', 'Ja', 'Yes'), opt('een-beetje', 'Een beetje', 'A little'), opt('nee', 'Nee', 'No')],
    },
    {
      id: 'zelfToelichting',
      type: 'text',
      maxLength: 2000,
      showIf: { question: 'zelf', equals: ['ja', 'een-beetje'] },
      label: { nl: 'Wat kunt u zelf doen?', en: 'What can you do yourself?' },
    },
    {
      id: 'netwerk',
      type: 'choice',
      required: true,
      label: {
        nl: 'Zijn er mensen om u heen die kunnen helpen? Bijvoorbeeld familie, buren of vrienden.',
        en: 'Are there people around you who can help? For example family, neighbours or friends.',
      },
      options: [opt('ja', 'Ja', 'Yes'), opt('beperkt', 'Een beetje', 'A little'), opt('nee', 'Nee', 'No')],
    },
    {
      id: 'netwerkToelichting',
      type: 'text',
      maxLength: 2000,
      showIf: { question: 'netwerk', equals: ['ja', 'beperkt'] },
      label: { nl: 'Wie kan helpen, en waarmee?', en: 'Who can help, and with what?' },
    },
    {
      id: 'mantelzorger',
      type: 'boolean',
      required: true,
      showIf: { question: 'netwerk', equals: ['ja', 'beperkt'] },
      label: {
        nl: 'Zorgt iemand uit uw omgeving nu al vaak voor u? Dat heet mantelzorg.',
        en: 'Does someone close to you already often care for you? This is called informal care.',
      },
    },
    {
      id: 'mantelzorgBelasting',
      type: 'choice',
      showIf: { question: 'mantelzorger', equals: [true] },
      label: {
        nl: 'Hoe zwaar is de zorg voor deze persoon?',
        en: 'How heavy is the care for this person?',
      },
      help: {
        nl: 'Als het te zwaar wordt, kan de mantelzorger ook zelf hulp krijgen.',
        en: 'If it becomes too heavy, the carer can get help too.',
      },
      options: [
        opt('goed-te-doen', 'Goed te doen', 'Manageable'),
        opt('soms-zwaar', 'Soms zwaar', 'Sometimes heavy'),
        opt('te-zwaar', 'Te zwaar', 'Too heavy'),
      ],
    },
    {
      id: 'woonsituatie',
      type: 'choice',
      required: true,
      label: { nl: 'Met wie woont u?', en: 'Who do you live with?' },
      options: [
        opt('alleen', 'Alleen', 'Alone'),
        opt('met-partner', 'Met mijn partner', 'With my partner'),
        opt('met-partner-en-kinderen', 'Met mijn partner en kinderen', 'With my partner and children'),
        opt('alleen-met-kinderen', 'Alleen met mijn kinderen', 'Alone with my children'),
        opt('bij-ouders', 'Bij mijn ouders', 'With my parents'),
        opt('anders', 'Anders', 'Other'),
      ],
    },
    {
      id: 'kinderen',
      type: 'number',
      integer: true,
      min: 0,
      max: 15,
      showIf: { question: 'woonsituatie', equals: ['met-partner-en-kinderen', 'alleen-met-kinderen'] },
      label: {
        nl: 'Hoeveel kinderen jonger dan 18 jaar wonen bij u?',
        en: 'How many children under 18 live with you?',
      },
    },
    {
      id: 'woning',
      type: 'choice',
      label: { nl: 'Wat voor woning heeft u?', en: 'What kind of home do you have?' },
      options: [
        opt('huur-corporatie', 'Huurhuis van een woningcorporatie', 'Rented from a housing association'),
        opt('huur-particulier', 'Huurhuis van een particulier', 'Rented from a private landlord'),
        opt('koop', 'Koophuis', 'Owner-occupied'),
        opt('instelling', 'Ik woon in een instelling of zorgwoning', 'I live in an institution or care home'),
        opt('geen-vaste-woonplek', 'Ik heb geen vaste woonplek', 'I have no fixed place to live'),
      ],
    },
    {
      id: 'spoed',
      type: 'boolean',
      required: true,
      label: {
        nl: 'Is er nu gevaar, of heeft u vandaag nog hulp nodig?',
        en: 'Is there danger right now, or do you need help today?',
      },
      help: {
        nl: 'Bij direct gevaar: bel 112. Voor geweld in huis: bel Veilig Thuis, 0800-2000 (gratis).',
        en: 'In immediate danger: call 112. For violence at home: call Veilig Thuis, 0800-2000 (free).',
      },
    },
    {
      id: 'leefgebieden',
      type: 'selfSufficiency',
      required: true,
      domains: [...LIFE_DOMAIN_CODES],
      label: {
        nl: 'Hoe gaat het op deze gebieden? Geef een cijfer van 1 tot 5.',
        en: 'How are things in these areas? Give a score from 1 to 5.',
      },
      help: {
        nl: '1 = het gaat helemaal niet, ik heb nu hulp nodig. 3 = het lukt net. 5 = het gaat goed, ik doe het helemaal zelf.',
        en: '1 = not at all, I need help now. 3 = I just manage. 5 = it goes well, I do it all myself.',
      },
    },
    {
      id: 'contactVoorkeur',
      type: 'choice',
      label: { nl: 'Hoe wilt u dat wij contact met u opnemen?', en: 'How would you like us to contact you?' },
      options: [
        opt('telefoon', 'Telefoon', 'Phone'),
        opt('email', 'E-mail', 'E-mail'),
        opt('brief', 'Brief', 'Letter'),
        opt('huisbezoek', 'Bij mij thuis', 'A visit at home'),
      ],
    },
  ],
};
