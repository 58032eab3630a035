// Building blocks shared by the sections of the common method, version 1.

export const yesNo = [
  { key: 'yes', label: { sv: 'Ja', en: 'Yes' } },
  { key: 'no', label: { sv: 'Nej', en: 'No' } },
];

export const prefilledHelp = {
  sv: 'Ifyllt i förväg från företagets uppgifter i Kompetensnavet. Rätta om något inte stämmer.',
  en: "Pre-filled from the company's record in Kompetensnavet. Correct it if anything is wrong.",
};

export const headcount = { type: 'integer', min: 0, max: 100_000 } as const;
