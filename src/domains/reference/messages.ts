import { defineMessages } from '../../platform/i18n/index.ts';

export const messages = defineMessages(
  {
    'sni.title': 'Sök SNI-kod',
    'sni.intro':
      'SNI 2007 är Statistiska centralbyråns indelning av näringsgrenar. Ett företag registreras med en femsiffrig detaljgrupp.',
    'sni.q': 'Kod eller ord',
    'sni.hint':
      'Skriv en kod, till exempel 25620 eller 25.620, eller ett ord ur verksamheten, till exempel plast.',
    'sni.caption': 'SNI-koder som matchar ”{q}”',
    'sni.code': 'Kod',
    'sni.name': 'Benämning',
    'sni.context': 'Näringsgren',
    'sni.none': 'Ingen SNI-kod matchar ”{q}”. Försök med ett annat ord eller färre siffror.',
    'sni.count': '{count} träffar.',
    'sni.howTo': 'Skriv av koden i fältet för SNI-kod i formuläret du kom från.',
  },
  {
    'sni.title': 'Find an SNI code',
    'sni.intro':
      "SNI 2007 is Statistics Sweden's standard industrial classification. A company is registered with a five-digit detail group.",
    'sni.q': 'Code or words',
    'sni.hint':
      'Enter a code, such as 25620 or 25.620, or a word about the business, such as plast (plastic).',
    'sni.caption': 'SNI codes matching “{q}”',
    'sni.code': 'Code',
    'sni.name': 'Name (Swedish)',
    'sni.context': 'Industry',
    'sni.none': 'No SNI code matches “{q}”. Try another word or fewer digits.',
    'sni.count': '{count} results.',
    'sni.howTo': 'Copy the code into the SNI code field of the form you came from.',
  },
);
