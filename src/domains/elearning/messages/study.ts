import { defineMessages, type T } from '../../../platform/i18n/index.ts';

/** Messages of the digital-learning study pages (keys start with `elearning.study.`). */
export const studyMessages = defineMessages(
  {
    'elearning.study.title': 'Uppföljning av digitalt lärande',
    'elearning.study.intro':
      'Hur används den gemensamma plattformen, och för vem? Siffrorna gäller de digitala kurserna i din region och de deltagare som skrevs in under den valda perioden.',
    'elearning.study.filters': 'Urval',
    'elearning.study.from': 'Inskrivna från och med',
    'elearning.study.to': 'Inskrivna till och med',
    'elearning.study.provider': 'Utbildningsanordnare',
    'elearning.study.municipality': 'Företagets kommun',
    'elearning.study.course': 'Kurs',
    'elearning.study.version': 'Kursversion för modulerna',
    'elearning.study.show': 'Visa',
    'elearning.study.toBeforeFrom': 'Slutdatumet ligger före startdatumet.',
    'elearning.study.summary':
      '{enrolled} inskrivna, {active} aktiva under perioden, {completed} har slutfört ({rate}). Median {median} dagar till slutförd kurs. Sammanlagt {minutes} minuter i kurserna.',
    'elearning.study.summaryNone': 'Inga deltagare skrevs in med det här urvalet.',
    'elearning.study.suppression':
      'Programmet publicerar uppföljningen. I fördelningarna på kön och kommun visas en uppgift som gäller färre än {n} deltagare som ”< {n}” (och är tom i exporten och API:t).',
    'elearning.study.suppressed': '< {n}',
    'elearning.study.suppressedLabel': 'färre än {n} deltagare',
    'elearning.study.definitions': 'Så räknas siffrorna',
    'elearning.study.def.active':
      'Aktiva: tid i kursen, en genomförd lektion eller ett quizförsök under perioden.',
    'elearning.study.def.minutes':
      'Tid i kursen: minuter per dag som deltagaren haft kursen öppen; medel per deltagare med registrerad tid.',
    'elearning.study.def.quiz':
      'Quiz: andel quiz som klarades på första försöket, och medelantal försök fram till godkänt.',
    'elearning.study.def.rating':
      'Nöjdhet: medel av två frågor (1–5) vid slutförd kurs: hur användbar kursen var och om deltagaren skulle rekommendera den.',
    'elearning.study.exportCsv': 'Exportera CSV',
    'elearning.study.exportXlsx': 'Exportera Excel (XLSX)',
    'elearning.study.byCourse': 'Per kurs',
    'elearning.study.byProvider': 'Per utbildningsanordnare',
    'elearning.study.byMunicipality': 'Per kommun (företagets första arbetsställe)',
    'elearning.study.byGender': 'Kvinnor och män',
    'elearning.study.total': 'Totalt',
    'elearning.study.none': 'Inga deltagare med det här urvalet.',
    'elearning.study.col.group': 'Grupp',
    'elearning.study.col.section': 'Tabell',
    'elearning.study.col.enrolled': 'Inskrivna',
    'elearning.study.col.active': 'Aktiva',
    'elearning.study.col.completed': 'Slutfört',
    'elearning.study.col.completionRate': 'Andel slutfört (%)',
    'elearning.study.col.medianDays': 'Median dagar till slutfört',
    'elearning.study.col.minutesTotal': 'Tid, minuter totalt',
    'elearning.study.col.minutesMean': 'Tid, minuter per deltagare',
    'elearning.study.col.quizFirstPass': 'Quiz klarat första försöket (%)',
    'elearning.study.col.quizAttempts': 'Försök till godkänt quiz',
    'elearning.study.col.usefulness': 'Användbar (1–5)',
    'elearning.study.col.recommend': 'Rekommenderar (1–5)',
    'elearning.study.col.ratings': 'Antal svar',
    'elearning.study.gender.woman': 'Kvinnor',
    'elearning.study.gender.man': 'Män',
    'elearning.study.gender.other': 'Annat',
    'elearning.study.gender.unknown': 'Okänt',
    'elearning.study.municipalityUnknown': 'Okänd kommun',
    'elearning.study.funnel': 'Genomströmning per modul',
    'elearning.study.funnelCaption': 'Moduler i {title}, version {version}',
    'elearning.study.funnelPickCourse': 'Välj en kurs i urvalet för att se genomströmningen per modul.',
    'elearning.study.funnelNone': 'Kursen har ingen publicerad version ännu.',
    'elearning.study.funnelHelp':
      'Nått: deltagare som gjort eller öppnat någon lektion i modulen. Avhopp: deltagare som nått modulen som sin sista och inte slutfört kursen.',
    'elearning.study.col.module': 'Modul',
    'elearning.study.col.reached': 'Nått modulen',
    'elearning.study.col.moduleCompleted': 'Klarat modulen',
    'elearning.study.col.droppedOff': 'Avhopp',
    'elearning.study.col.dropOffRate': 'Andel avhopp (%)',
    'elearning.study.fileName': 'uppfoljning-digitalt-larande',
    'elearning.study.sheetFigures': 'Nyckeltal',
    'elearning.study.sheetFunnel': 'Moduler',
  },
  {
    'elearning.study.title': 'Digital learning study',
    'elearning.study.intro':
      "How is the common platform used, and by whom? The figures cover your region's digital courses and the learners enrolled in the chosen period.",
    'elearning.study.filters': 'Selection',
    'elearning.study.from': 'Enrolled from',
    'elearning.study.to': 'Enrolled until',
    'elearning.study.provider': 'Training provider',
    'elearning.study.municipality': "Company's municipality",
    'elearning.study.course': 'Course',
    'elearning.study.version': 'Course version for the modules',
    'elearning.study.show': 'Show',
    'elearning.study.toBeforeFrom': 'The end date is before the start date.',
    'elearning.study.summary':
      '{enrolled} enrolled, {active} active in the period, {completed} completed ({rate}). Median {median} days to complete. {minutes} minutes spent in the courses in all.',
    'elearning.study.summaryNone': 'No learners were enrolled with this selection.',
    'elearning.study.suppression':
      'The programme publishes this study. In the breakdowns by gender and municipality, a figure that describes fewer than {n} learners is shown as "< {n}" (and is empty in the export and the API).',
    'elearning.study.suppressed': '< {n}',
    'elearning.study.suppressedLabel': 'fewer than {n} learners',
    'elearning.study.definitions': 'How the figures are counted',
    'elearning.study.def.active':
      'Active: time in the course, a lesson done or a quiz attempted in the period.',
    'elearning.study.def.minutes':
      'Time on task: minutes per day with the course open; the mean is per learner with any time recorded.',
    'elearning.study.def.quiz':
      'Quizzes: share of quizzes passed at the first attempt, and the mean number of attempts until passed.',
    'elearning.study.def.rating':
      'Satisfaction: the mean of two questions (1–5) at completion: how useful the course was and whether the learner would recommend it.',
    'elearning.study.exportCsv': 'Export CSV',
    'elearning.study.exportXlsx': 'Export Excel (XLSX)',
    'elearning.study.byCourse': 'By course',
    'elearning.study.byProvider': 'By training provider',
    'elearning.study.byMunicipality': "By municipality (the company's first workplace)",
    'elearning.study.byGender': 'Women and men',
    'elearning.study.total': 'Total',
    'elearning.study.none': 'No learners with this selection.',
    'elearning.study.col.group': 'Group',
    'elearning.study.col.section': 'Table',
    'elearning.study.col.enrolled': 'Enrolled',
    'elearning.study.col.active': 'Active',
    'elearning.study.col.completed': 'Completed',
    'elearning.study.col.completionRate': 'Completion rate (%)',
    'elearning.study.col.medianDays': 'Median days to complete',
    'elearning.study.col.minutesTotal': 'Time, minutes in all',
    'elearning.study.col.minutesMean': 'Time, minutes per learner',
    'elearning.study.col.quizFirstPass': 'Quiz passed at first attempt (%)',
    'elearning.study.col.quizAttempts': 'Attempts to pass a quiz',
    'elearning.study.col.usefulness': 'Useful (1–5)',
    'elearning.study.col.recommend': 'Would recommend (1–5)',
    'elearning.study.col.ratings': 'Answers',
    'elearning.study.gender.woman': 'Women',
    'elearning.study.gender.man': 'Men',
    'elearning.study.gender.other': 'Other',
    'elearning.study.gender.unknown': 'Unknown',
    'elearning.study.municipalityUnknown': 'Unknown municipality',
    'elearning.study.funnel': 'Progress through the modules',
    'elearning.study.funnelCaption': 'Modules of {title}, version {version}',
    'elearning.study.funnelPickCourse':
      'Choose a course in the selection to see the progress through its modules.',
    'elearning.study.funnelNone': 'The course has no published version yet.',
    'elearning.study.funnelHelp':
      'Reached: learners who did or opened any lesson of the module. Dropped off: learners for whom the module is the last one reached and who have not completed the course.',
    'elearning.study.col.module': 'Module',
    'elearning.study.col.reached': 'Reached the module',
    'elearning.study.col.moduleCompleted': 'Completed the module',
    'elearning.study.col.droppedOff': 'Dropped off',
    'elearning.study.col.dropOffRate': 'Drop-off rate (%)',
    'elearning.study.fileName': 'digital-learning-study',
    'elearning.study.sheetFigures': 'Key figures',
    'elearning.study.sheetFunnel': 'Modules',
  },
);

export type StudyKey = keyof typeof studyMessages.sv;
export type ST = T<StudyKey>;

/** The key figures in column order (page, CSV and XLSX) with their column headings. */
export const STUDY_COLUMNS = [
  ['enrolled', 'elearning.study.col.enrolled'],
  ['active', 'elearning.study.col.active'],
  ['completed', 'elearning.study.col.completed'],
  ['completionRate', 'elearning.study.col.completionRate'],
  ['medianDaysToComplete', 'elearning.study.col.medianDays'],
  ['minutesTotal', 'elearning.study.col.minutesTotal'],
  ['minutesMean', 'elearning.study.col.minutesMean'],
  ['quizFirstPassRate', 'elearning.study.col.quizFirstPass'],
  ['quizMeanAttempts', 'elearning.study.col.quizAttempts'],
  ['usefulnessMean', 'elearning.study.col.usefulness'],
  ['recommendMean', 'elearning.study.col.recommend'],
  ['ratings', 'elearning.study.col.ratings'],
] as const satisfies readonly (readonly [string, StudyKey])[];

export type StudySection = 'course' | 'provider' | 'municipality' | 'gender';

/** The label of a group: genders and the unknown municipality are translated, other labels are names. */
export function studyGroupLabel(t: ST, section: StudySection, key: string, label: string): string {
  if (section === 'gender') return t(`elearning.study.gender.${key}` as StudyKey);
  if (section === 'municipality' && key === 'unknown') return t('elearning.study.municipalityUnknown');
  return label;
}
