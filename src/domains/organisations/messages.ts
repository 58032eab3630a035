import { defineMessages } from '../../platform/i18n/index.ts';

export const messages = defineMessages(
  {
    'orgs.title': 'Organisationer och program',
    'orgs.programmes': 'Program',
    'orgs.programme.name': 'Program',
    'orgs.programme.period': 'Period',
    'orgs.programme.ruleSet': 'Regelverk',
    'orgs.programme.funders': 'Finansiärer',
    'orgs.organisations': 'Organisationer',
    'orgs.name': 'Namn',
    'orgs.kind': 'Typ',
    'orgs.code': 'Kod',
    'orgs.kind.region': 'Region',
    'orgs.kind.municipality': 'Kommun',
    'orgs.kind.provider': 'Utbildningsanordnare',
    'orgs.ruleSet.esf-2014-2020': 'ESF 2014–2020',
    'orgs.ruleSet.esf-plus-2021-2027': 'ESF+ 2021–2027',
    'orgs.sharing': 'Delningsregler',
    'orgs.sharing.body':
      'Varje uppgift ägs av den organisation som registrerade den. Kommunens näringslivsutvecklare ser företag med arbetsställe i kommunen, coacher ser de företag de är tilldelade, regionens administratörer ser företagen i regionens program, och företagskontakter ser sitt eget företag.',
  },
  {
    'orgs.title': 'Organisations and programmes',
    'orgs.programmes': 'Programmes',
    'orgs.programme.name': 'Programme',
    'orgs.programme.period': 'Period',
    'orgs.programme.ruleSet': 'Rule set',
    'orgs.programme.funders': 'Funders',
    'orgs.organisations': 'Organisations',
    'orgs.name': 'Name',
    'orgs.kind': 'Type',
    'orgs.code': 'Code',
    'orgs.kind.region': 'Region',
    'orgs.kind.municipality': 'Municipality',
    'orgs.kind.provider': 'Training provider',
    'orgs.ruleSet.esf-2014-2020': 'ESF 2014–2020',
    'orgs.ruleSet.esf-plus-2021-2027': 'ESF+ 2021–2027',
    'orgs.sharing': 'Sharing rules',
    'orgs.sharing.body':
      "Every record is owned by the organisation that registered it. A municipality's business development officers see companies with a workplace in the municipality, coaches see the companies assigned to them, the region's administrators see the companies in the region's programmes, and company contacts see their own company.",
  },
);
