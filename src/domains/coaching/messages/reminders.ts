import { defineMessages } from '../../../platform/i18n/index.ts';

/** Reminder e-mails to coaches (plain text; keys start with `coaching.reminders.`). */
export const reminderMessages = defineMessages(
  {
    'coaching.reminders.subject': 'Påminnelse från Kompetensnavet: {count} saker att göra i coachningen',
    'coaching.reminders.intro': 'Hej! Här är det som är på gång i dina coachningsuppdrag.',
    'coaching.reminders.meeting': 'Möte i morgon {date}',
    'coaching.reminders.meetingAt': 'Möte i morgon {date} kl. {time}',
    'coaching.reminders.action': 'Åtgärd i planen är försenad (skulle vara klar {date})',
    'coaching.reminders.followup': 'Uppföljning efter {months} månader ska göras senast {date}',
    'coaching.reminders.open': 'Öppna uppdraget: {url}',
    'coaching.reminders.footer':
      'Du får det här meddelandet eftersom du är coach i uppdragen ovan. Kompetensnavet skickar högst en påminnelse per sak och dag.',
  },
  {
    'coaching.reminders.subject': 'Reminder from Kompetensnavet: {count} things to do in coaching',
    'coaching.reminders.intro': "Hello! Here is what's coming up in your coaching engagements.",
    'coaching.reminders.meeting': 'Meeting tomorrow {date}',
    'coaching.reminders.meetingAt': 'Meeting tomorrow {date} at {time}',
    'coaching.reminders.action': 'A plan action is overdue (due {date})',
    'coaching.reminders.followup': 'The {months}-month follow-up is due by {date}',
    'coaching.reminders.open': 'Open the engagement: {url}',
    'coaching.reminders.footer':
      'You receive this message because you are a coach in the engagements above. Kompetensnavet sends at most one reminder per item and day.',
  },
);
