import type { InstrumentDefinitionInput } from './schema.ts';

/** The common method, version 1: Needs, recruitment needs, training preferences, maturity self-assessment. */
export const needsSections: InstrumentDefinitionInput['sections'] = [
  {
    key: 'needs',
    title: { sv: 'Kompetensbehov', en: 'Competence needs' },
    questions: [
      {
        key: 'needs',
        type: 'needs',
        core: 'needs',
        required: true,
        rolesFrom: 'roles',
        label: { sv: 'Gap mellan krav och nuläge', en: 'Gaps between requirements and current state' },
        help: {
          sv: 'Ett gap per rad: roll, kompetens, hur stort gapet är, hur många kvinnor och män som berörs, hur brådskande det är (nu, inom 6 månader, om 6–12 månader, om 1–3 år), orsak, strategi (intern utbildning, extern utbildning, rekrytering, validering, omplacering eller att behålla personal), hur svårt det är att rekrytera (1–4), uppskattad tid och kostnad samt prioritet.',
          en: 'One gap per row: role, competence, size of the gap, how many women and men it affects, how urgent it is (now, within 6 months, in 6–12 months, in 1–3 years), cause, strategy (train internally, external training, recruit, validate, redeploy or retain), how hard it is to recruit (1–4), estimated hours and cost, and priority.',
        },
      },
    ],
  },
  {
    key: 'recruitment',
    title: { sv: 'Rekryteringsbehov', en: 'Recruitment needs' },
    questions: [
      {
        key: 'recruitmentNeeds',
        type: 'recruitmentNeeds',
        core: 'recruitment',
        label: { sv: 'Planerade rekryteringar', en: 'Planned recruitments' },
        help: {
          sv: 'Per yrke enligt SSYK 2012: hur många, när, hur svårt det är att rekrytera (1–4) och varför, och om ni har ett mål för en jämnare könsfördelning.',
          en: 'Per occupation in SSYK 2012: how many, when, how hard it is to recruit (1–4) and why, and whether you have a goal for a more even gender balance.',
        },
      },
    ],
  },
  {
    key: 'trainingPreferences',
    title: { sv: 'Önskemål om utbildning', en: 'Training preferences' },
    questions: [
      {
        key: 'trainingFormat',
        type: 'multiChoice',
        required: true,
        label: { sv: 'Vilken form passar er?', en: 'Which format suits you?' },
        options: [
          { key: 'classroom', label: { sv: 'På plats i klassrum', en: 'In a classroom' } },
          { key: 'digital', label: { sv: 'Digitalt', en: 'Online' } },
          { key: 'blended', label: { sv: 'En blandning av båda', en: 'A mix of both' } },
        ],
      },
      {
        key: 'trainingTime',
        type: 'multiChoice',
        required: true,
        label: { sv: 'Vilken tid passar bäst?', en: 'Which time suits you best?' },
        options: [
          { key: 'daytime', label: { sv: 'Dagtid', en: 'Daytime' } },
          { key: 'evening', label: { sv: 'Kvällstid', en: 'Evenings' } },
          { key: 'weekend', label: { sv: 'Helger', en: 'Weekends' } },
          {
            key: 'selfPaced',
            label: { sv: 'När det passar, i egen takt', en: 'Any time, at our own pace' },
          },
        ],
      },
      {
        key: 'trainingLanguage',
        type: 'multiChoice',
        required: true,
        label: { sv: 'På vilket språk?', en: 'In which language?' },
        options: [
          { key: 'swedish', label: { sv: 'Svenska', en: 'Swedish' } },
          {
            key: 'swedishWithSupport',
            label: { sv: 'Svenska med språkstöd', en: 'Swedish with language support' },
          },
          { key: 'english', label: { sv: 'Engelska', en: 'English' } },
          { key: 'otherLanguage', label: { sv: 'Annat språk', en: 'Another language' } },
        ],
      },
      {
        key: 'trainingLanguageOther',
        type: 'text',
        maxLength: 200,
        required: true,
        showIf: { question: 'trainingLanguage', anyOf: ['otherLanguage'] },
        label: { sv: 'Vilket annat språk?', en: 'Which other language?' },
      },
    ],
  },
  {
    key: 'maturity',
    title: { sv: 'Självskattning av kompetensförsörjningen', en: 'Self-assessment of competence supply' },
    help: {
      sv: 'Skattningen görs när företaget går in i programmet och igen när det avslutas. Skillnaden visar vad arbetet har gett.',
      en: 'The assessment is made when the company joins the programme and again when it finishes. The difference shows what the work has achieved.',
    },
    questions: [
      {
        key: 'maturity',
        type: 'maturity',
        core: 'maturity',
        required: true,
        label: {
          sv: 'Hur väl stämmer påståendena in på ert företag i dag?',
          en: 'How well do the statements describe your company today?',
        },
        answerLabels: [
          { sv: 'Stämmer inte alls', en: 'Not at all' },
          { sv: 'Stämmer delvis', en: 'Partly' },
          { sv: 'Stämmer till stor del', en: 'Largely' },
          { sv: 'Stämmer helt', en: 'Fully' },
        ],
        statements: [
          {
            key: 'writtenPlan',
            label: {
              sv: 'Vi har en skriftlig kompetensförsörjningsplan.',
              en: 'We have a written competence-supply plan.',
            },
          },
          {
            key: 'linkedToGoals',
            label: {
              sv: 'Planen för kompetensförsörjning utgår från företagets mål och affärsplan.',
              en: "Our competence-supply planning starts from the company's goals and business plan.",
            },
          },
          {
            key: 'knowRetirements',
            label: {
              sv: 'Vi känner till våra pensionsavgångar tre år framåt.',
              en: 'We know our retirements three years ahead.',
            },
          },
          {
            key: 'knowCurrentCompetence',
            label: {
              sv: 'Vi vet vilken kompetens medarbetarna har i dag.',
              en: 'We know what competences our employees have today.',
            },
          },
          {
            key: 'knowFutureNeeds',
            label: {
              sv: 'Vi vet vilken kompetens vi behöver om ett till tre år.',
              en: 'We know which competences we will need in one to three years.',
            },
          },
          {
            key: 'keyPersonRisk',
            label: {
              sv: 'Vi vet vilka uppgifter som hänger på en enda person och har en plan för dem.',
              en: 'We know which tasks depend on a single person and have a plan for them.',
            },
          },
          {
            key: 'developmentReviews',
            label: {
              sv: 'Alla medarbetare har minst en gång om året ett utvecklingssamtal med en egen utvecklingsplan.',
              en: 'Every employee has a development review with a personal development plan at least once a year.',
            },
          },
          {
            key: 'trainingBudget',
            label: {
              sv: 'Vi avsätter varje år tid och pengar för kompetensutveckling.',
              en: 'Every year we set aside time and money for competence development.',
            },
          },
          {
            key: 'knowledgeTransfer',
            label: {
              sv: 'Vi har ett fungerande sätt att föra över kunskap, till exempel handledning och introduktion av nyanställda.',
              en: 'We have a working way of passing on knowledge, such as mentoring and induction of new employees.',
            },
          },
          {
            key: 'followUpEffect',
            label: {
              sv: 'Vi följer upp om utbildning och andra insatser ger effekt i arbetet.',
              en: 'We follow up whether training and other measures make a difference at work.',
            },
          },
        ],
      },
    ],
  },
];
