import type { InstrumentDefinitionInput } from './schema.ts';
import { yesNo } from './v1-shared.ts';

/** The common method, version 1: Roles, role × competence requirements, per-person assessment (opt-in). */
export const roleSections: InstrumentDefinitionInput['sections'] = [
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
];
