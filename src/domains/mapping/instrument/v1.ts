import type { InstrumentDefinitionInput } from './schema.ts';

/** The key of the national common method; every region's own versions keep it. */
export const COMMON_METHOD_KEY = 'common-method';

const yesNo = [
  { key: 'yes', label: { sv: 'Ja', en: 'Yes' } },
  { key: 'no', label: { sv: 'Nej', en: 'No' } },
];

const prefilledHelp = {
  sv: 'Ifyllt i förväg från företagets uppgifter i Kompetensnavet. Rätta om något inte stämmer.',
  en: "Pre-filled from the company's record in Kompetensnavet. Correct it if anything is wrong.",
};

const headcount = { type: 'integer', min: 0, max: 100_000 } as const;

/**
 * Version 1 of the common mapping method (Gemensam kartläggningsmetod), shipped with the product and
 * published as the national instrument by `ensureCommonInstrument`. Once published it never changes:
 * improvements are made as a new version.
 */
export const commonMethodV1: InstrumentDefinitionInput = {
  key: COMMON_METHOD_KEY,
  version: 1,
  title: { sv: 'Gemensam kartläggningsmetod, version 1', en: 'Common mapping method, version 1' },
  levelScale: [
    {
      value: 1,
      label: { sv: 'Med stöd', en: 'With support' },
      description: {
        sv: 'Kan utföra uppgifterna med handledning och stöd av någon mer erfaren.',
        en: 'Can carry out the tasks with guidance and support from someone more experienced.',
      },
    },
    {
      value: 2,
      label: { sv: 'Självständigt', en: 'Independently' },
      description: {
        sv: 'Utför uppgifterna självständigt och med god kvalitet i vanliga situationer.',
        en: 'Carries out the tasks independently and to a good standard in normal situations.',
      },
    },
    {
      value: 3,
      label: { sv: 'Kan lära ut', en: 'Can teach others' },
      description: {
        sv: 'Behärskar uppgifterna även i ovanliga situationer och kan handleda och lära upp andra.',
        en: 'Masters the tasks in unusual situations too, and can supervise and train others.',
      },
    },
    {
      value: 4,
      label: { sv: 'Expert', en: 'Expert' },
      description: {
        sv: 'Utvecklar arbetssätt och metoder och är ett stöd för hela företaget inom området.',
        en: 'Develops ways of working and methods, and supports the whole company in the field.',
      },
    },
  ],
  sections: [
    {
      key: 'companyFacts',
      title: { sv: 'Företagsfakta', en: 'Company facts' },
      help: {
        sv: 'Uppgifterna i det här avsnittet är ifyllda i förväg från företagets uppgifter i Kompetensnavet. Kontrollera dem och rätta det som inte stämmer.',
        en: "The answers in this section are pre-filled from the company's record in Kompetensnavet. Check them and correct anything that is wrong.",
      },
      questions: [
        {
          key: 'orgNumber',
          type: 'text',
          maxLength: 20,
          required: true,
          prefill: 'company.orgNumber',
          label: { sv: 'Organisationsnummer', en: 'Organisation number' },
          help: prefilledHelp,
        },
        {
          key: 'companyName',
          type: 'text',
          maxLength: 200,
          required: true,
          prefill: 'company.name',
          label: { sv: 'Företagets namn', en: 'Company name' },
          help: prefilledHelp,
        },
        {
          key: 'sniCode',
          type: 'text',
          maxLength: 5,
          required: true,
          prefill: 'company.sniCode',
          label: { sv: 'Huvudsaklig bransch (SNI 2007)', en: 'Main industry (SNI 2007)' },
          help: prefilledHelp,
        },
        {
          key: 'sizeClass',
          type: 'choice',
          required: true,
          prefill: 'company.sizeClass',
          label: { sv: 'Storleksklass', en: 'Size class' },
          help: prefilledHelp,
          options: [
            { key: 'size0', label: { sv: 'Inga anställda', en: 'No employees' } },
            { key: 'size1to9', label: { sv: '1–9 anställda', en: '1–9 employees' } },
            { key: 'size10to49', label: { sv: '10–49 anställda', en: '10–49 employees' } },
            { key: 'size50to249', label: { sv: '50–249 anställda', en: '50–249 employees' } },
          ],
        },
        {
          key: 'employeesWomen',
          ...headcount,
          required: true,
          prefill: 'company.employeesWomen',
          label: { sv: 'Antal anställda kvinnor', en: 'Number of employees: women' },
          help: prefilledHelp,
        },
        {
          key: 'employeesMen',
          ...headcount,
          required: true,
          prefill: 'company.employeesMen',
          label: { sv: 'Antal anställda män', en: 'Number of employees: men' },
          help: prefilledHelp,
        },
        {
          key: 'workplaces',
          type: 'longText',
          maxLength: 2000,
          prefill: 'company.workplaces',
          label: { sv: 'Arbetsställen', en: 'Workplaces' },
          help: {
            sv: 'Ifyllt i förväg från företagets arbetsställen och deras kommuner. Ansvaret för företaget i programmet följer arbetsstället.',
            en: "Pre-filled from the company's workplaces and their municipalities. Responsibility for the company in the programme follows the workplace.",
          },
        },
      ],
    },
    {
      key: 'ageAndRetirements',
      title: { sv: 'Åldersstruktur och pensionsavgångar', en: 'Age structure and retirements' },
      help: {
        sv: 'Ange antal anställda, inte namn. Uppgifterna redovisas bara sammanräknade.',
        en: 'Give numbers of employees, not names. The answers are only reported as totals.',
      },
      questions: [
        {
          key: 'ageUnder30',
          ...headcount,
          label: { sv: 'Anställda under 30 år', en: 'Employees under 30' },
        },
        { key: 'age30to49', ...headcount, label: { sv: 'Anställda 30–49 år', en: 'Employees aged 30–49' } },
        { key: 'age50to59', ...headcount, label: { sv: 'Anställda 50–59 år', en: 'Employees aged 50–59' } },
        {
          key: 'age60plus',
          ...headcount,
          label: { sv: 'Anställda 60 år eller äldre', en: 'Employees aged 60 or over' },
        },
        {
          key: 'retirementsWithin1Year',
          ...headcount,
          required: true,
          label: {
            sv: 'Väntade pensionsavgångar inom 1 år',
            en: 'Expected retirements within 1 year',
          },
          help: {
            sv: 'Räkna med alla som väntas gå i pension, även delvis.',
            en: 'Count everyone expected to retire, also partly.',
          },
        },
        {
          key: 'retirementsWithin3Years',
          ...headcount,
          required: true,
          label: {
            sv: 'Väntade pensionsavgångar inom 3 år',
            en: 'Expected retirements within 3 years',
          },
          help: {
            sv: 'Inklusive dem som går i pension inom 1 år.',
            en: 'Including those who retire within 1 year.',
          },
        },
        {
          key: 'retirementsWithin5Years',
          ...headcount,
          required: true,
          label: {
            sv: 'Väntade pensionsavgångar inom 5 år',
            en: 'Expected retirements within 5 years',
          },
          help: {
            sv: 'Inklusive dem som går i pension inom 3 år.',
            en: 'Including those who retire within 3 years.',
          },
        },
      ],
    },
    {
      key: 'strategy',
      title: { sv: 'Mål och omvärld', en: 'Strategic context' },
      questions: [
        {
          key: 'goals',
          type: 'longText',
          maxLength: 4000,
          required: true,
          label: {
            sv: 'Vilka är företagets viktigaste mål de kommande 1–3 åren?',
            en: "What are the company's most important goals for the next 1–3 years?",
          },
          help: {
            sv: 'Till exempel nya produkter, ökad produktion, nya kunder eller ett generationsskifte.',
            en: 'For example new products, higher output, new customers or a change of ownership.',
          },
        },
        {
          key: 'drivers',
          type: 'multiChoice',
          required: true,
          label: {
            sv: 'Vilka förändringar driver behovet av ny kompetens?',
            en: 'Which changes drive the need for new competences?',
          },
          help: { sv: 'Välj alla som stämmer.', en: 'Choose all that apply.' },
          options: [
            { key: 'digitalisation', label: { sv: 'Digitalisering', en: 'Digitalisation' } },
            { key: 'automation', label: { sv: 'Automatisering', en: 'Automation' } },
            {
              key: 'greenTransition',
              label: {
                sv: 'Elektrifiering och grön omställning',
                en: 'Electrification and green transition',
              },
            },
            { key: 'newMarkets', label: { sv: 'Nya marknader', en: 'New markets' } },
            {
              key: 'certification',
              label: {
                sv: 'Certifiering och nya krav från kunder eller myndigheter',
                en: 'Certification and new requirements from customers or authorities',
              },
            },
            { key: 'generationalShift', label: { sv: 'Generationsväxling', en: 'Generational shift' } },
          ],
        },
        {
          key: 'driversComment',
          type: 'longText',
          maxLength: 2000,
          label: { sv: 'Beskriv gärna förändringarna', en: 'Describe the changes (optional)' },
        },
        {
          key: 'developmentAreas',
          type: 'multiChoice',
          required: true,
          maxSelected: 3,
          label: {
            sv: 'Vilka tre områden är viktigast att utveckla?',
            en: 'Which three areas are most important to develop?',
          },
          help: { sv: 'Välj högst tre.', en: 'Choose at most three.' },
          options: [
            {
              key: 'productionTechnology',
              label: { sv: 'Produktion och teknik', en: 'Production and technology' },
            },
            { key: 'digitalSkills', label: { sv: 'Digital kompetens', en: 'Digital skills' } },
            {
              key: 'automationRobotics',
              label: { sv: 'Automation och robotik', en: 'Automation and robotics' },
            },
            { key: 'qualityEnvironment', label: { sv: 'Kvalitet och miljö', en: 'Quality and environment' } },
            { key: 'workSafety', label: { sv: 'Arbetsmiljö och säkerhet', en: 'Health and safety at work' } },
            {
              key: 'leadership',
              label: { sv: 'Ledarskap och organisation', en: 'Leadership and organisation' },
            },
            {
              key: 'salesMarketing',
              label: { sv: 'Försäljning och marknadsföring', en: 'Sales and marketing' },
            },
            {
              key: 'languageCommunication',
              label: { sv: 'Språk och kommunikation', en: 'Language and communication' },
            },
            {
              key: 'energySustainability',
              label: { sv: 'Energi och hållbarhet', en: 'Energy and sustainability' },
            },
            { key: 'finance', label: { sv: 'Ekonomi och administration', en: 'Finance and administration' } },
            { key: 'other', label: { sv: 'Annat område', en: 'Another area' } },
          ],
        },
        {
          key: 'developmentAreasOther',
          type: 'text',
          maxLength: 200,
          required: true,
          showIf: { question: 'developmentAreas', anyOf: ['other'] },
          label: { sv: 'Vilket annat område?', en: 'Which other area?' },
        },
      ],
    },
    {
      key: 'roles',
      title: { sv: 'Roller och yrken', en: 'Roles and occupations' },
      help: {
        sv: 'Ange de roller som finns i företaget, med er egen benämning och närmaste yrke i SSYK 2012.',
        en: 'List the roles in the company, with your own title and the closest occupation in SSYK 2012.',
      },
      questions: [
        {
          key: 'roles',
          type: 'roleMatrix',
          core: 'roles',
          required: true,
          label: { sv: 'Roller i företaget', en: 'Roles in the company' },
          help: {
            sv: 'För varje roll: er titel, yrke enligt SSYK 2012, antal kvinnor och män i rollen, om rollen är kritisk eller hänger på en nyckelperson, och vilken utbildning som krävs (nivå och inriktning enligt SUN 2020).',
            en: 'For each role: your title, the occupation in SSYK 2012, the number of women and men in the role, whether the role is critical or depends on a key person, and the education it requires (level and field in SUN 2020).',
          },
        },
      ],
    },
    {
      key: 'requirements',
      title: { sv: 'Kompetenskrav och nuläge', en: 'Competence requirements and current state' },
      help: {
        sv: 'Nuläget anges sammanräknat per roll, till exempel ”3 av 5 på nivå 3 eller högre”, aldrig per namngiven person.',
        en: 'The current state is given as a total per role, such as "3 of 5 at level 3 or higher", never per named person.',
      },
      questions: [
        {
          key: 'requirements',
          type: 'requirementMatrix',
          core: 'competences',
          required: true,
          rolesFrom: 'roles',
          horizonMonths: { min: 12, max: 36 },
          label: {
            sv: 'Kompetenskrav per roll, i dag och om 12–36 månader',
            en: 'Competence requirements per role, today and in 12–36 months',
          },
          help: {
            sv: 'Välj kompetenser ur JobTechs begreppsdatabas, eller skriv fritt där inget begrepp passar. Ange vilken nivå som krävs i dag och om 12–36 månader, och hur många i rollen som i dag når minst en viss nivå.',
            en: "Choose competences from JobTech's concept database, or write freely where no concept fits. Give the level required today and in 12–36 months, and how many people in the role reach at least a given level today.",
          },
        },
      ],
    },
    {
      key: 'individualAssessment',
      title: { sv: 'Bedömning per person (frivilligt)', en: 'Assessment per person (optional)' },
      help: {
        sv: 'Som standard redovisas nuläget bara sammanräknat per roll. Företaget kan välja att också bedöma varje medarbetare, men först när frågan om kollektivavtal och förhandling är besvarad.',
        en: 'By default, the current state is only reported as totals per role. The company may choose to assess each employee as well, but only once the questions on collective agreements and negotiation have been answered.',
      },
      questions: [
        {
          key: 'collectiveAgreement',
          type: 'choice',
          required: true,
          label: {
            sv: 'Har företaget kollektivavtal?',
            en: 'Is the company bound by a collective agreement?',
          },
          options: yesNo,
        },
        {
          key: 'mblStatus',
          type: 'choice',
          required: true,
          label: {
            sv: 'Har individuella kompetensbedömningar förhandlats med facket?',
            en: 'Have individual competence assessments been negotiated with the union?',
          },
          help: {
            sv: 'Där kollektivavtal gäller ska arbetsgivaren förhandla med facket innan individuella bedömningar införs (11 § lagen om medbestämmande i arbetslivet, MBL).',
            en: 'Where a collective agreement applies, the employer must negotiate with the union before introducing individual assessments (section 11 of the Co-determination in the Workplace Act, MBL).',
          },
          options: [
            {
              key: 'negotiated',
              label: { sv: 'Ja, förhandlat enligt 11 § MBL', en: 'Yes, negotiated under MBL section 11' },
            },
            {
              key: 'noCollectiveAgreement',
              label: {
                sv: 'Företaget har inget kollektivavtal',
                en: 'The company has no collective agreement',
              },
            },
            { key: 'notNegotiated', label: { sv: 'Nej, inte förhandlat', en: 'No, not negotiated' } },
          ],
        },
        {
          key: 'perPersonRatings',
          type: 'choice',
          required: true,
          showIf: { question: 'mblStatus', anyOf: ['negotiated', 'noCollectiveAgreement'] },
          label: {
            sv: 'Vill företaget även bedöma kompetensen per person?',
            en: 'Does the company also want to assess competence per person?',
          },
          help: {
            sv: 'Bedömningar per person sparas i ett utrymme som bara företaget kan läsa. Coacher och offentliga aktörer ser endast sammanräknade uppgifter, eftersom det en myndighet kan läsa om en namngiven person blir allmän handling. Varje medarbetare ser sina egna bedömningar och kan kommentera dem.',
            en: 'Per-person assessments are kept in a space that only the company can read. Coaches and public bodies only see totals, because anything an authority can read about a named person becomes a public record. Each employee sees their own assessments and can comment on them.',
          },
          options: [
            {
              key: 'aggregateOnly',
              label: { sv: 'Nej, bara sammanräknat per roll', en: 'No, only totals per role' },
            },
            {
              key: 'perPerson',
              label: {
                sv: 'Ja, per person i företagets egen del',
                en: "Yes, per person in the company's own space",
              },
            },
          ],
        },
      ],
    },
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
  ],
};
