// The demo digital courses' content (Swedish, for staff of small and medium-sized companies).

export interface QuestionSpec {
  kind: 'single' | 'multiple';
  prompt: string;
  feedbackCorrect: string;
  feedbackIncorrect: string;
  options: { label: string; correct?: 'on'; feedback?: string }[];
}

export interface LessonSpec {
  kind: 'text' | 'video' | 'quiz';
  title: string;
  body: string;
  minutes: string;
  image?: { filename: string; alt: string };
  externalUrl?: string;
  captions?: string[];
  textAlternative?: string;
  passMark?: string;
  questions?: QuestionSpec[];
}

export interface CourseSpec {
  title: string;
  summary: string;
  criteria: string;
  hours: string;
  provider: number;
  /** JobTech competence concept ids (skipped when the reference data lacks one). */
  competences: string[];
  /** SUN 2020 level. */
  sunLevelCode: string;
  linkToCatalogue?: boolean;
  modules: { title: string; lessons: LessonSpec[] }[];
  draftModule?: { title: string; lessons: LessonSpec[] };
}

/** A public demo video (Vimeo's own presentation), shown only after the learner's consent. */
const DEMO_VIDEO = 'https://player.vimeo.com/video/76979871';

export const demoCourseSpecs: CourseSpec[] = [
  {
    title: 'Digital arbetsmiljö och IT-säkerhet på småföretag',
    summary:
      'En kort kurs för alla medarbetare: starka lösenord, tvåstegsverifiering, nätfiske och en digital arbetsmiljö som inte stressar. Gå igenom den i egen takt, gärna tillsammans med kollegor.',
    criteria: 'Deltagaren har gått igenom alla lektioner och klarat kunskapstestet med minst 80 % rätt.',
    hours: '2',
    provider: 0,
    // Informationssäkerhet, Dataskyddsförordningen/GDPR (erfarenhet), Arbetsmiljöansvar
    competences: ['LqRT_TVB_RPo', 'xKTb_Ger_HCf', 'Nksx_4oe_fEQ'],
    sunLevelCode: '3',
    modules: [
      {
        title: 'Inloggning och lösenord',
        lessons: [
          {
            kind: 'text',
            title: 'Varför lösenord spelar roll',
            minutes: '8',
            body: 'De flesta intrång i småföretag börjar med ett **stulet eller gissat lösenord**.\n\n- Använd en lösenordshanterare.\n- Välj långa lösenfraser, till exempel fyra slumpvisa ord.\n- Använd aldrig samma lösenord på flera tjänster.\n\nDiagrammet visar hur lång tid det tar att knäcka lösenord av olika längd.',
            image: {
              filename: 'knacktid.png',
              alt: 'Stapeldiagram: ju längre lösenord, desto längre tid att knäcka',
            },
          },
          {
            kind: 'video',
            title: 'Tvåstegsverifiering i praktiken',
            minutes: '5',
            body: 'Filmen visar hur du slår på tvåstegsverifiering i e-post och ekonomisystem.',
            externalUrl: DEMO_VIDEO,
            captions: [
              'Med tvåstegsverifiering räcker det inte med lösenordet.',
              'Du bekräftar också inloggningen i en app på telefonen.',
              'Slå på det först för e-posten – den öppnar allt annat.',
            ],
            textAlternative:
              'Filmen visar inställningssidan för säkerhet i ett e-postkonto: välj **Tvåstegsverifiering**, skanna QR-koden med autentiseringsappen och skriv in koden som visas.',
          },
        ],
      },
      {
        title: 'Nätfiske och en hållbar digital arbetsdag',
        lessons: [
          {
            kind: 'text',
            title: 'Känn igen nätfiske',
            minutes: '10',
            body: 'Nätfiske är e-post eller sms som försöker lura dig att klicka, logga in eller betala.\n\n1. Kontrollera avsändarens adress – inte bara namnet.\n2. Var misstänksam mot brådska: *”betala i dag”*.\n3. Ring och kontrollera på ett nummer du redan har.\n\nEn bra digital arbetsmiljö handlar också om **paus från skärmen**, tydliga regler för när man läser e-post och rätt utrustning.',
          },
          {
            kind: 'quiz',
            title: 'Kunskapstest',
            minutes: '5',
            body: 'Tre frågor om det du har läst. Du behöver 80 % rätt.',
            passMark: '80',
            questions: [
              {
                kind: 'single',
                prompt: 'Vilket lösenord är säkrast?',
                feedbackCorrect: 'Rätt – längden gör mest.',
                feedbackIncorrect: 'Längden betyder mer än specialtecken.',
                options: [
                  { label: 'Sommar2026!' },
                  { label: 'kaffe-truck-vinter-penna', correct: 'on' },
                  { label: 'P@ssw0rd' },
                ],
              },
              {
                kind: 'multiple',
                prompt: 'Vilka tecken tyder på nätfiske? Välj alla som stämmer.',
                feedbackCorrect: 'Bra, du känner igen varningstecknen.',
                feedbackIncorrect: 'Titta igen på avsändaren och brådskan.',
                options: [
                  { label: 'Avsändarens adress liknar men är inte företagets', correct: 'on' },
                  { label: 'Mejlet kräver betalning samma dag', correct: 'on' },
                  { label: 'Mejlet kommer från en kollega du väntade svar från' },
                ],
              },
              {
                kind: 'single',
                prompt: 'Vad skyddar e-posten bäst mot intrång?',
                feedbackCorrect: 'Rätt.',
                feedbackIncorrect: 'Tvåstegsverifiering stoppar de flesta intrång med stulna lösenord.',
                options: [
                  { label: 'Tvåstegsverifiering', correct: 'on' },
                  { label: 'Att byta lösenord varje månad' },
                ],
              },
            ],
          },
        ],
      },
    ],
    draftModule: {
      title: 'Säkert distansarbete (under arbete)',
      lessons: [
        {
          kind: 'text',
          title: 'Arbeta säkert hemifrån',
          minutes: '6',
          body: 'Använd företagets VPN, lås datorn när du går ifrån och låt inte familjen använda jobbdatorn.',
        },
      ],
    },
  },
  {
    title: 'Ekonomi och bokföring i praktiken',
    summary:
      'Löpande bokföring, fakturering och moms för den som sköter ekonomin i ett litet företag – digitalt i egen takt. Kursen är också en kurs i utbildningskatalogen.',
    criteria: 'Deltagaren har gått igenom kursen och klarat testet med minst 70 % rätt.',
    hours: '3',
    provider: 1,
    // Bokföringsvana, Momsredovisning, Ekonomiadministration
    competences: ['Fiq4_siu_LXn', 'UBgX_VLG_mTK', '8gwE_2o3_XRF'],
    sunLevelCode: '3',
    linkToCatalogue: true,
    modules: [
      {
        title: 'Löpande bokföring',
        lessons: [
          {
            kind: 'text',
            title: 'Verifikationer och konton',
            minutes: '10',
            body: 'Varje affärshändelse ska ha en **verifikation**: kvitto, faktura eller kontoutdrag. Den bokförs på minst två konton – debet och kredit ska alltid vara lika stora.\n\n- Spara verifikationerna i sju år.\n- Bokför kontanta in- och utbetalningar senast nästa arbetsdag.',
          },
          {
            kind: 'video',
            title: 'Så bokför du en leverantörsfaktura',
            minutes: '6',
            body: 'Filmen går igenom en faktura från ankomst till betalning.',
            externalUrl: DEMO_VIDEO,
            captions: [
              'Fakturan kommer in och registreras som leverantörsskuld.',
              'Momsen bokförs som ingående moms.',
              'När fakturan betalas minskar skulden och banken.',
            ],
          },
        ],
      },
      {
        title: 'Fakturering och moms',
        lessons: [
          {
            kind: 'text',
            title: 'Vad ska stå på en faktura?',
            minutes: '8',
            body: 'En faktura ska bland annat ha datum, ett löpnummer, säljarens momsregistreringsnummer, köparens namn och adress, vad som sålts, priset utan moms, momssatsen och momsbeloppet.',
          },
          {
            kind: 'quiz',
            title: 'Testa dig själv',
            minutes: '4',
            body: 'Två frågor om bokföring och fakturor.',
            passMark: '70',
            questions: [
              {
                kind: 'single',
                prompt: 'Hur länge ska verifikationer sparas?',
                feedbackCorrect: 'Rätt – sju år.',
                feedbackIncorrect: 'Bokföringslagen kräver sju år.',
                options: [{ label: 'Tre år' }, { label: 'Sju år', correct: 'on' }, { label: 'Tio år' }],
              },
              {
                kind: 'multiple',
                prompt: 'Vilka uppgifter måste finnas på en faktura?',
                feedbackCorrect: 'Rätt.',
                feedbackIncorrect: 'Löpnummer och momsbelopp krävs; kundens telefonnummer gör det inte.',
                options: [
                  { label: 'Ett löpnummer', correct: 'on' },
                  { label: 'Momsbeloppet', correct: 'on' },
                  { label: 'Kundens telefonnummer' },
                ],
              },
            ],
          },
        ],
      },
    ],
  },
  {
    title: 'Grundläggande truckteori',
    summary:
      'Teoridelen inför truckutbildning: regler, truckens stabilitet och säker körning. Den praktiska delen görs med instruktör på arbetsplatsen.',
    criteria: 'Deltagaren har klarat teoriprovet med minst 80 % rätt.',
    hours: '4',
    provider: 2,
    // Truckvana, Gaffeltruck, A-truckar
    competences: ['pGts_PKK_c8W', '8pHc_Lqc_QxD', 'Zk4h_jP4_e85'],
    sunLevelCode: '3',
    modules: [
      {
        title: 'Regler och ansvar',
        lessons: [
          {
            kind: 'text',
            title: 'Arbetsmiljöverkets regler',
            minutes: '12',
            body: 'Den som kör truck ska ha **skriftligt körtillstånd** från arbetsgivaren och utbildning för trucktypen. Arbetsgivaren ansvarar för daglig kontroll av trucken.',
          },
        ],
      },
      {
        title: 'Stabilitet och säker körning',
        lessons: [
          {
            kind: 'video',
            title: 'Stabilitetstriangeln',
            minutes: '7',
            body: 'Filmen förklarar varför en truck kan välta i sidled.',
            externalUrl: DEMO_VIDEO,
            captions: [
              'Trucken vilar på tre punkter – stabilitetstriangeln.',
              'Tyngdpunkten flyttas uppåt när lasten lyfts.',
              'Kör därför alltid med lasten lågt.',
            ],
            textAlternative:
              'Bilden visar trucken ovanifrån med en triangel mellan framhjulen och bakaxelns mittpunkt. När lasten lyfts flyttas den gemensamma tyngdpunkten uppåt och närmare triangelns kant.',
          },
          {
            kind: 'quiz',
            title: 'Teoriprov',
            minutes: '6',
            body: 'Svara på frågorna. Du behöver 80 % rätt.',
            passMark: '80',
            questions: [
              {
                kind: 'single',
                prompt: 'Hur ska lasten bäras under körning?',
                feedbackCorrect: 'Rätt – lågt och bakåttippad.',
                feedbackIncorrect: 'Högt buren last gör trucken instabil.',
                options: [
                  { label: 'Lågt, med gafflarna bakåttippade', correct: 'on' },
                  { label: 'Högt, för bättre sikt' },
                ],
              },
              {
                kind: 'multiple',
                prompt: 'Vad krävs för att få köra truck på jobbet?',
                feedbackCorrect: 'Rätt.',
                feedbackIncorrect: 'Både utbildning och skriftligt tillstånd krävs.',
                options: [
                  { label: 'Utbildning för trucktypen', correct: 'on' },
                  { label: 'Skriftligt körtillstånd från arbetsgivaren', correct: 'on' },
                  { label: 'B-körkort' },
                ],
              },
            ],
          },
        ],
      },
    ],
  },
];
