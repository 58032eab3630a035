import type { InstrumentDefinitionInput } from './schema.ts';
import { headcount, prefilledHelp } from './v1-shared.ts';

/** The common method, version 1: Company facts, age bands and retirements, strategic context. */
export const companySections: InstrumentDefinitionInput['sections'] = [
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
];
