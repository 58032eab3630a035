import { defineMessages } from '../../../platform/i18n/index.ts';

/** The accessibility statement, following DIGG's model ("Tillgänglighet för …"). */
export const statementMessages = defineMessages(
  {
    'a11y.title': 'Tillgänglighet för Kompetensnavet',
    'a11y.intro':
      'Region Kronoberg står bakom den här webbplatsen. Vi vill att så många som möjligt ska kunna använda den. Här beskriver vi hur Kompetensnavet uppfyller lagen (2018:1937) om tillgänglighet till digital offentlig service, kända problem och hur du kan rapportera brister till oss så att vi kan åtgärda dem.',
    'a11y.alternative.title': 'Hur tillgänglig är webbplatsen?',
    'a11y.alternative.body':
      'Vi vet att delar av webbplatsen inte är helt tillgängliga. Se avsnittet om innehåll som inte är tillgängligt nedan.',
    'a11y.contact.title': 'Vad kan du göra om du inte kan använda delar av webbplatsen?',
    'a11y.contact.body':
      'Om du behöver innehåll från Kompetensnavet som inte är tillgängligt för dig, men som inte omfattas av lagen, kan du be om det i ett annat format. Använd formuläret nedan; det går till regionens administratörer, som svarar inom fem arbetsdagar om du lämnar en e-postadress.',
    'a11y.report.title': 'Rapportera brister i webbplatsens tillgänglighet',
    'a11y.report.body':
      'Vi strävar hela tiden efter att förbättra tillgängligheten. Om du upptäcker problem som inte beskrivs på den här sidan, eller om du anser att vi inte uppfyller lagens krav, meddela oss så att vi får veta att problemet finns.',
    'a11y.report.link': 'Rapportera en brist eller begär innehåll i annat format',
    'a11y.supervision.title': 'Tillsyn',
    'a11y.supervision.body':
      'Myndigheten för digital förvaltning (Digg) har ansvaret för tillsyn av lagen om tillgänglighet till digital offentlig service. Om du inte är nöjd med hur vi hanterar dina synpunkter kan du kontakta Digg och påtala det.',
    'a11y.supervision.link': 'Anmäl till Digg (digg.se/tdosanmalan)',
    'a11y.status.title': 'Teknisk information om webbplatsens tillgänglighet',
    'a11y.status.body':
      'Den här webbplatsen är delvis förenlig med lagen om tillgänglighet till digital offentlig service, på grund av de brister som beskrivs nedan. Målet är WCAG 2.1 nivå AA (EN 301 549).',
    'a11y.gaps.title': 'Innehåll som inte är tillgängligt',
    'a11y.gaps.intro': 'Det innehåll som beskrivs nedan är på ett eller annat sätt inte helt tillgängligt.',
    'a11y.gap.thirdPartyPdf':
      'Dokument som företag, utbildningsanordnare och kommuner laddar upp (till exempel PDF-filer och kursmaterial) granskas inte av oss och kan sakna struktur, taggar eller textalternativ. Be om materialet i annat format via formuläret.',
    'a11y.gap.generatedPdf':
      'PDF-filer som Kompetensnavet skapar (intyg, rapporter och underlag till ESF-rådet) är taggade med rubriker och språk, men har inte granskats manuellt mot PDF/UA med skärmläsare. Samma uppgifter finns som webbsidor.',
    'a11y.gap.spreadsheets':
      'Exporterade kalkylark (Excel) och CSV-filer är avsedda för vidare bearbetning och har inte granskats för tillgänglighet. Samma uppgifter visas som tabeller på webbplatsen.',
    'a11y.gap.charts':
      'Diagram över kompetensbehov har en textbeskrivning och samma data i en tabell, men själva diagrammen går inte att utforska med tangentbord eller skärmläsare.',
    'a11y.gap.external':
      'E-kurser och verktyg från andra leverantörer som öppnas via LTI, och inbäddade videospelare från andra tjänster, kontrollerar vi inte. De kan ha egna brister, till exempel saknade undertexter eller tangentbordsfällor.',
    'a11y.gap.wideTables':
      'Några breda tabeller för handläggare (till exempel sammanställningar av kartläggningar och tidrapporter) kräver vågrät rullning på smala skärmar och vid 400 % förstoring (WCAG 1.4.10).',
    'a11y.gap.video':
      'Filmer som utbildningsanordnare lägger in i e-kurser kan sakna undertexter eller syntolkning (WCAG 1.2.2, 1.2.5).',
    'a11y.method.title': 'Hur vi testat webbplatsen',
    'a11y.method.body':
      'Varje sidtyp testas automatiskt med axe (WCAG 2.1 A och AA) i en riktig webbläsare vid varje ändring av koden. Huvudflödena har därtill provats med enbart tangentbord, med skärmläsare (NVDA och VoiceOver) och med JavaScript avstängt. Automatiska test hittar bara en del av alla brister, därför tar vi gärna emot rapporter.',
    'a11y.method.date': 'Bedömningen gjordes senast 2026-11-29. Redogörelsen uppdaterades senast 2026-11-29.',
    'a11y.statistics': 'Öppen statistik om kompetensbehoven i länet',
  },
  {
    'a11y.title': 'Accessibility of Kompetensnavet',
    'a11y.intro':
      'Region Kronoberg is responsible for this website. We want as many people as possible to be able to use it. This statement describes how Kompetensnavet complies with the Swedish Act (2018:1937) on accessibility to digital public services, known problems, and how you can report shortcomings to us so that we can fix them.',
    'a11y.alternative.title': 'How accessible is the website?',
    'a11y.alternative.body':
      'We know that parts of the website are not fully accessible. See the section on content that is not accessible below.',
    'a11y.contact.title': 'What can you do if you cannot use parts of the website?',
    'a11y.contact.body':
      "If you need content from Kompetensnavet that is not accessible to you but is outside the scope of the law, you can ask for it in another format. Use the form below; it goes to the region's administrators, who answer within five working days if you leave an e-mail address.",
    'a11y.report.title': 'Report accessibility problems on the website',
    'a11y.report.body':
      'We are always trying to improve accessibility. If you find problems that are not described on this page, or if you think we do not meet the requirements of the law, let us know so that we know the problem exists.',
    'a11y.report.link': 'Report a problem or ask for content in another format',
    'a11y.supervision.title': 'Enforcement',
    'a11y.supervision.body':
      'The Agency for Digital Government (Digg) is responsible for enforcing the Act on accessibility to digital public services. If you are not satisfied with how we handle your comments, you can contact Digg.',
    'a11y.supervision.link': 'Report to Digg (digg.se/tdosanmalan)',
    'a11y.status.title': 'Technical information about the accessibility of the website',
    'a11y.status.body':
      'This website is partially compliant with the Act on accessibility to digital public services, because of the shortcomings described below. The target is WCAG 2.1 level AA (EN 301 549).',
    'a11y.gaps.title': 'Content that is not accessible',
    'a11y.gaps.intro': 'The content described below is in one way or another not fully accessible.',
    'a11y.gap.thirdPartyPdf':
      'Documents that companies, training providers and municipalities upload (such as PDF files and course material) are not reviewed by us and may lack structure, tags or text alternatives. Ask for the material in another format with the form.',
    'a11y.gap.generatedPdf':
      "PDF files that Kompetensnavet creates (certificates, reports and the ESF Council's documentation) are tagged with headings and language, but have not been reviewed manually against PDF/UA with a screen reader. The same information is available as web pages.",
    'a11y.gap.spreadsheets':
      'Exported spreadsheets (Excel) and CSV files are meant for further processing and have not been reviewed for accessibility. The same information is shown as tables on the website.',
    'a11y.gap.charts':
      'Charts of competence needs have a text description and the same data in a table, but the charts themselves cannot be explored with a keyboard or a screen reader.',
    'a11y.gap.external':
      'E-courses and tools from other suppliers opened through LTI, and video players embedded from other services, are not under our control. They may have their own problems, such as missing captions or keyboard traps.',
    'a11y.gap.wideTables':
      'Some wide tables for officers (such as summaries of mappings and time reports) need horizontal scrolling on narrow screens and at 400 % zoom (WCAG 1.4.10).',
    'a11y.gap.video':
      'Videos that training providers add to e-courses may lack captions or audio description (WCAG 1.2.2, 1.2.5).',
    'a11y.method.title': 'How we tested the website',
    'a11y.method.body':
      'Every page type is tested automatically with axe (WCAG 2.1 A and AA) in a real browser on every change to the code. The main journeys have also been tried with the keyboard only, with screen readers (NVDA and VoiceOver) and with JavaScript turned off. Automated tests find only some problems, so we welcome reports.',
    'a11y.method.date':
      'The assessment was last made on 2026-11-29. The statement was last updated on 2026-11-29.',
    'a11y.statistics': 'Open statistics on competence needs in the county',
  },
);
