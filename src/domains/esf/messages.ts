import { defineMessages } from '../../platform/i18n/index.ts';
import { certificatesMessages } from './messages/certificates.ts';
import { claimsMessages } from './messages/claims.ts';
import { deminimisMessages } from './messages/deminimis.ts';
import { economyMessages } from './messages/economy.ts';
import { indicatorsMessages } from './messages/indicators.ts';
import { participantsMessages } from './messages/participants.ts';
import { programmeMessages } from './messages/programme.ts';
import { scbMessages } from './messages/scb.ts';

/** The ESF domain's catalogue: each area's own file merged. */
export const messages = defineMessages(
  {
    ...programmeMessages.sv,
    ...participantsMessages.sv,
    ...scbMessages.sv,
    ...certificatesMessages.sv,
    ...claimsMessages.sv,
    ...deminimisMessages.sv,
    ...economyMessages.sv,
    ...indicatorsMessages.sv,
  },
  {
    ...programmeMessages.en,
    ...participantsMessages.en,
    ...scbMessages.en,
    ...certificatesMessages.en,
    ...claimsMessages.en,
    ...deminimisMessages.en,
    ...economyMessages.en,
    ...indicatorsMessages.en,
  },
);

export type EsfKey = keyof typeof messages.sv;
