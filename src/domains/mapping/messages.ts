import { defineMessages } from '../../platform/i18n/index.ts';
import { instrumentsMessages } from './messages/instruments.ts';
import { mappingMessages } from './messages/mapping.ts';
import { notesMessages } from './messages/notes.ts';
import { ratingsMessages } from './messages/ratings.ts';
import { resultsMessages } from './messages/results.ts';

/** Messages of the mapping domain, including the instrument validation keys (`mapping.instrument.*`). */
const base = defineMessages(
  {
    'mapping.instrument.keyFormat':
      'Nyckeln ska börja med en liten bokstav och bara innehålla bokstäver a–z och siffror.',
    'mapping.instrument.duplicateKey': 'Nyckeln används redan. Varje nyckel måste vara unik.',
    'mapping.instrument.duplicateCore':
      'Den här delen av den gemensamma kärnan finns redan i en annan fråga.',
    'mapping.instrument.coreType': 'Frågetypen passar inte för den här delen av den gemensamma kärnan.',
    'mapping.instrument.optionsRequired': 'Ange minst två svarsalternativ.',
    'mapping.instrument.notForType': 'Inställningen gäller inte för den här frågetypen.',
    'mapping.instrument.minMax': 'Minsta värdet får inte vara större än högsta värdet.',
    'mapping.instrument.statementsRequired': 'Ange minst ett påstående.',
    'mapping.instrument.answerLabels': 'Ange fyra svarsalternativ, från 1 till 4.',
    'mapping.instrument.rolesFrom': 'Ange en tidigare fråga med roller.',
    'mapping.instrument.showIf': 'Villkoret måste gälla ett alternativ i en tidigare flervalsfråga.',
    'mapping.instrument.levelScale': 'Nivåskalan ska ha mellan 2 och 10 nivåer.',
    'mapping.instrument.levelsConsecutive': 'Nivåerna ska vara på varandra följande heltal.',
    'mapping.instrument.emptySection': 'Ett avsnitt måste ha minst en fråga.',
    'mapping.instrument.emptyInstrument': 'Instrumentet måste ha minst ett avsnitt.',
    'mapping.instrument.published': 'Versionen är publicerad och kan inte ändras. Skapa en ny version.',
  },
  {
    'mapping.instrument.keyFormat':
      'The key must start with a lower-case letter and contain only letters a–z and digits.',
    'mapping.instrument.duplicateKey': 'The key is already used. Every key must be unique.',
    'mapping.instrument.duplicateCore':
      'This part of the common core is already carried by another question.',
    'mapping.instrument.coreType': 'The question type does not fit this part of the common core.',
    'mapping.instrument.optionsRequired': 'Give at least two options.',
    'mapping.instrument.notForType': 'The setting does not apply to this question type.',
    'mapping.instrument.minMax': 'The smallest value must not be larger than the largest.',
    'mapping.instrument.statementsRequired': 'Give at least one statement.',
    'mapping.instrument.answerLabels': 'Give four answer labels, from 1 to 4.',
    'mapping.instrument.rolesFrom': 'Name an earlier question with roles.',
    'mapping.instrument.showIf': 'The condition must refer to an option of an earlier choice question.',
    'mapping.instrument.levelScale': 'The level scale must have between 2 and 10 levels.',
    'mapping.instrument.levelsConsecutive': 'The levels must be consecutive whole numbers.',
    'mapping.instrument.emptySection': 'A section needs at least one question.',
    'mapping.instrument.emptyInstrument': 'The instrument needs at least one section.',
    'mapping.instrument.published': 'This version is published and cannot be changed. Create a new version.',
  },
);

/** The domain's catalogue: the instrument keys above plus those of each area's own file. */
export const messages = defineMessages(
  {
    ...base.sv,
    ...instrumentsMessages.sv,
    ...mappingMessages.sv,
    ...resultsMessages.sv,
    ...ratingsMessages.sv,
    ...notesMessages.sv,
  },
  {
    ...base.en,
    ...instrumentsMessages.en,
    ...mappingMessages.en,
    ...resultsMessages.en,
    ...ratingsMessages.en,
    ...notesMessages.en,
  },
);

export type MappingKey = keyof typeof messages.sv;
