import { defineMessages } from '../../../platform/i18n/index.ts';

/** Doing a mapping: answer validation, rounds, locking, conflicts. */
export const mappingMessages = defineMessages(
  {
    'mapping.answer.unknownSsyk': 'Yrket finns inte i SSYK 2012. Sök och välj ett yrke i listan.',
    'mapping.answer.unknownCompetence':
      'Kompetensen finns inte i JobTechs begreppsdatabas. Välj en i listan eller skriv fritt.',
    'mapping.answer.unknownSun': 'Koden finns inte i SUN 2020.',
    'mapping.answer.unknownRole': 'Välj en av rollerna som angetts under Roller och yrken.',
    'mapping.answer.competenceRequired': 'Välj en kompetens eller beskriv den med egna ord.',
    'mapping.answer.meetingExceeds': 'Rollen har {max} personer; fler kan inte nå nivån.',
    'mapping.answer.maxSelected': 'Välj högst {max} alternativ.',
    'mapping.answer.peopleRequired': 'Ange hur många kvinnor och män som berörs (minst en person).',
    'mapping.round.keyTaken': 'Det finns redan en omgång med den nyckeln.',
    'mapping.round.unknown': 'Välj en av regionens omgångar.',
    'mapping.locked': 'Kartläggningen är inskickad och låst. En regionadministratör kan öppna den igen.',
    'mapping.noticeFirst': 'Läs först informationen om vem som kan se svaren.',
    'mapping.changedMeanwhile': 'Någon annan ändrade kartläggningen nyss. Granska svaren och skicka in igen.',
    'mapping.noInstrument': 'Det finns ingen publicerad version av kartläggningsmetoden.',
    'mapping.invite.noEmail': 'Kontaktpersonen har ingen e-postadress. Lägg till en på företaget först.',
    'mapping.notSubmitted': 'Kartläggningen är inte inskickad.',
  },
  {
    'mapping.answer.unknownSsyk':
      'The occupation is not in SSYK 2012. Search and choose an occupation from the list.',
    'mapping.answer.unknownCompetence':
      "The competence is not in JobTech's concept database. Choose one from the list or describe it in your own words.",
    'mapping.answer.unknownSun': 'The code is not in SUN 2020.',
    'mapping.answer.unknownRole': 'Choose one of the roles given under Roles and occupations.',
    'mapping.answer.competenceRequired': 'Choose a competence or describe it in your own words.',
    'mapping.answer.meetingExceeds': 'The role has {max} people; no more can reach the level.',
    'mapping.answer.maxSelected': 'Choose at most {max} options.',
    'mapping.answer.peopleRequired': 'Give how many women and men are affected (at least one person).',
    'mapping.round.keyTaken': 'There is already a round with that key.',
    'mapping.round.unknown': "Choose one of the region's rounds.",
    'mapping.locked': 'The mapping has been submitted and is locked. A region administrator can reopen it.',
    'mapping.noticeFirst': 'First read who will be able to see the answers.',
    'mapping.changedMeanwhile':
      'Someone else has just changed the mapping. Review the answers and submit again.',
    'mapping.noInstrument': 'There is no published version of the mapping method.',
    'mapping.invite.noEmail': 'The contact person has no e-mail address. Add one to the company first.',
    'mapping.notSubmitted': 'The mapping has not been submitted.',
  },
);
