import { defineMessages } from '../../../platform/i18n/index.ts';

/** The privacy notice (GDPR articles 13 and 14). */
export const privacyMessages = defineMessages(
  {
    'privacy.title': 'Så behandlar vi personuppgifter i Kompetensnavet',
    'privacy.intro':
      'Kompetensnavet används i ett regionalt program för kompetensförsörjning som delfinansieras av Europeiska socialfonden (ESF+). Här beskriver vi vilka personuppgifter som behandlas, varför, vem som ansvarar och vilka rättigheter du har.',
    'privacy.controllers.title': 'Vem ansvarar för dina uppgifter?',
    'privacy.controllers.region':
      'Region Kronoberg är personuppgiftsansvarig för programmets gemensamma uppgifter: användarkonton, deltagarregistret för ESF, rapporter till finansiärerna och statistik.',
    'privacy.controllers.municipality':
      'Varje kommun är personuppgiftsansvarig för sina egna ärenden: de företag kommunen arbetar med, kartläggningar och coachning som kommunens personal gör.',
    'privacy.controllers.provider':
      'Utbildningsanordnare är personuppgiftsansvariga för sina kurser: närvaro, resultat och kursmaterial.',
    'privacy.purposes.title': 'Varför behandlas uppgifterna?',
    'privacy.purposes.body':
      'För att kartlägga företagens kompetensbehov, erbjuda coachning och utbildning, följa upp deltagandet och redovisa programmet till ESF-rådet och andra finansiärer.',
    'privacy.bases.title': 'Rättslig grund',
    'privacy.bases.public':
      'Uppgift av allmänt intresse och myndighetsutövning (artikel 6.1 e i dataskyddsförordningen): regionens och kommunernas uppdrag inom regional utveckling och kompetensförsörjning.',
    'privacy.bases.legal':
      'Rättslig förpliktelse (artikel 6.1 c): redovisning av deltagare och indikatorer till Svenska ESF-rådet enligt EU:s förordningar om ESF+.',
    'privacy.bases.sensitive':
      'Känsliga personuppgifter (artikel 9) behandlas inte. Personnummer behandlas bara för deltagare i ESF-insatser, eftersom redovisningen kräver det; de lagras krypterade och visas bara för ESF-administratörer, och varje visning loggas.',
    'privacy.recipients.title': 'Vem får ta del av uppgifterna?',
    'privacy.recipients.body':
      'Svenska ESF-rådet (deltagaruppgifter och indikatorer), Statistiska centralbyrån (SCB, för uppföljning av ESF+), revisorer och granskande myndigheter. Handlingar kan också lämnas ut enligt offentlighetsprincipen efter sekretessprövning.',
    'privacy.retention.title': 'Hur länge sparas uppgifterna?',
    'privacy.retention.body':
      'Så länge programmet och dess redovisning kräver det, och därefter enligt regionens och kommunernas arkiv- och gallringsbeslut. ESF-underlag ska bevaras så länge EU:s regler för programperioden kräver. Uppgifter gallras först när ett gallringsbeslut tillåter det.',
    'privacy.transfers.title': 'Överföring utanför EU/EES',
    'privacy.transfers.body': 'Uppgifterna behandlas inom EU/EES och överförs inte till länder utanför.',
    'privacy.rights.title': 'Dina rättigheter',
    'privacy.rights.body':
      'Du har rätt att få veta vilka uppgifter som behandlas om dig (registerutdrag), få felaktiga uppgifter rättade, få uppgifter raderade när inga arkivregler kräver att de sparas, begära begränsning och invända mot behandlingen. Kontakta regionens dataskyddsombud via Region Kronobergs registratur.',
    'privacy.myData': 'Se och ladda ner dina uppgifter',
    'privacy.complaint.title': 'Klagomål',
    'privacy.complaint.body':
      'Om du anser att vi behandlar dina uppgifter felaktigt kan du lämna klagomål till Integritetsskyddsmyndigheten (IMY).',
    'privacy.complaint.link': 'Integritetsskyddsmyndigheten (imy.se)',
    'privacy.updated': 'Informationen uppdaterades senast 2026-11-29.',
  },
  {
    'privacy.title': 'How we process personal data in Kompetensnavet',
    'privacy.intro':
      'Kompetensnavet is used in a regional competence-supply programme part-funded by the European Social Fund (ESF+). This notice describes which personal data is processed, why, who is responsible and what rights you have.',
    'privacy.controllers.title': 'Who is responsible for your data?',
    'privacy.controllers.region':
      "Region Kronoberg is the controller of the programme's common records: user accounts, the ESF participant register, reports to the funders and statistics.",
    'privacy.controllers.municipality':
      "Each municipality is the controller of its own cases: the companies it works with, and the mappings and coaching done by the municipality's staff.",
    'privacy.controllers.provider':
      'Training providers are the controllers of their courses: attendance, results and course material.',
    'privacy.purposes.title': 'Why is the data processed?',
    'privacy.purposes.body':
      "To map companies' competence needs, offer coaching and training, follow participation and report the programme to the ESF Council and other funders.",
    'privacy.bases.title': 'Legal basis',
    'privacy.bases.public':
      "A task carried out in the public interest or in the exercise of official authority (GDPR article 6(1)(e)): the region's and the municipalities' remit in regional development and competence supply.",
    'privacy.bases.legal':
      "A legal obligation (article 6(1)(c)): reporting participants and indicators to the Swedish ESF Council under the EU's ESF+ regulations.",
    'privacy.bases.sensitive':
      'Special categories of personal data (article 9) are not processed. Personal identity numbers are processed only for participants in ESF activities, because the reporting requires them; they are stored encrypted, shown only to ESF administrators, and every reveal is logged.',
    'privacy.recipients.title': 'Who receives the data?',
    'privacy.recipients.body':
      'The Swedish ESF Council (participant data and indicators), Statistics Sweden (SCB, for ESF+ follow-up), auditors and supervisory authorities. Official documents may also be disclosed under the principle of public access after a secrecy review.',
    'privacy.retention.title': 'How long is the data kept?',
    'privacy.retention.body':
      "As long as the programme and its reporting require, and then according to the region's and the municipalities' archiving and disposal decisions. ESF records are kept as long as the EU rules for the programme period require. Data is disposed of only when a disposal decision allows it.",
    'privacy.transfers.title': 'Transfers outside the EU/EEA',
    'privacy.transfers.body':
      'The data is processed within the EU/EEA and is not transferred to other countries.',
    'privacy.rights.title': 'Your rights',
    'privacy.rights.body':
      "You have the right to know which data is processed about you (access), to have wrong data rectified, to have data erased where no archiving rule requires keeping it, to ask for restriction and to object to the processing. Contact the region's data protection officer through Region Kronoberg's registry.",
    'privacy.myData': 'See and download your data',
    'privacy.complaint.title': 'Complaints',
    'privacy.complaint.body':
      'If you think we process your data wrongly, you can complain to the Swedish Authority for Privacy Protection (IMY).',
    'privacy.complaint.link': 'Swedish Authority for Privacy Protection (imy.se)',
    'privacy.updated': 'This information was last updated on 2026-11-29.',
  },
);
