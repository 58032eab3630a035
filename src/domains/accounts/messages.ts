import { defineMessages } from '../../platform/i18n/index.ts';
import { adminMessages } from './messages/admin.ts';
import { jobMessages } from './messages/jobs.ts';
import { linkMessages } from './messages/links.ts';
import { securityMessages } from './messages/security.ts';

const sessionMessages = defineMessages(
  {
    'login.title': 'Logga in',
    'login.intro': 'Logga in med din e-postadress och ditt lösenord.',
    'login.email': 'E-postadress',
    'login.password': 'Lösenord',
    'login.submit': 'Logga in',
    'login.failed': 'Fel e-postadress eller lösenord.',
    'login.rateLimited': 'För många misslyckade försök. Vänta en minut och försök igen.',
    'login.forgot': 'Glömt lösenordet?',
    'home.title': 'Välkommen till Kompetensnavet',
    'home.statsTitle': 'Öppen statistik',
    'home.statsLink': 'Kompetensbehov i länet – en sammanställning för alla',
    'home.intro':
      'Kompetensnavet samlar regionens arbete med kompetensförsörjning i små och medelstora företag: kartläggning, coachning, utbildning och uppföljning.',
    'account.title': 'Mitt konto',
    'account.name': 'Namn',
    'account.email': 'E-postadress',
    'account.memberships': 'Mina roller',
    'account.role': 'Roll',
    'account.organisation': 'Organisation',
    'account.logoutEverywhere': 'Logga ut överallt',
    'account.logoutEverywhereHint': 'Avslutar alla dina inloggningar, på alla enheter.',
    'account.loggedOutEverywhere': 'Du är utloggad från alla enheter ({count} inloggningar avslutades).',
    'logout.done': 'Du är utloggad.',
  },
  {
    'login.title': 'Sign in',
    'login.intro': 'Sign in with your e-mail address and password.',
    'login.email': 'E-mail address',
    'login.password': 'Password',
    'login.submit': 'Sign in',
    'login.failed': 'Wrong e-mail address or password.',
    'login.rateLimited': 'Too many failed attempts. Wait a minute and try again.',
    'login.forgot': 'Forgot your password?',
    'home.title': 'Welcome to Kompetensnavet',
    'home.statsTitle': 'Open statistics',
    'home.statsLink': 'Competence needs in the county – a summary for everyone',
    'home.intro':
      "Kompetensnavet brings together the region's work on competence supply in small and medium-sized companies: mapping, coaching, training and follow-up.",
    'account.title': 'My account',
    'account.name': 'Name',
    'account.email': 'E-mail address',
    'account.memberships': 'My roles',
    'account.role': 'Role',
    'account.organisation': 'Organisation',
    'account.logoutEverywhere': 'Sign out everywhere',
    'account.logoutEverywhereHint': 'Ends all your sessions, on every device.',
    'account.loggedOutEverywhere': 'You are signed out on every device ({count} sessions ended).',
    'logout.done': 'You are signed out.',
  },
);

/** The accounts catalogue: sign-in and account, one-time links, administration. */
export const messages = defineMessages(
  {
    ...sessionMessages.sv,
    ...linkMessages.sv,
    ...adminMessages.sv,
    ...jobMessages.sv,
    ...securityMessages.sv,
  },
  {
    ...sessionMessages.en,
    ...linkMessages.en,
    ...adminMessages.en,
    ...jobMessages.en,
    ...securityMessages.en,
  },
);
export type AccountKey = keyof typeof messages.sv;
