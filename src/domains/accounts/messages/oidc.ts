import { defineMessages } from '../../../platform/i18n/index.ts';

/** Staff single sign-on (OpenID Connect): the button and the pages that explain a refusal. */
export const oidcMessages = defineMessages(
  {
    'sso.button': 'Logga in med organisationens konto',
    'sso.or': 'Personal i regionen och kommunerna kan också logga in med sin organisations inloggning.',
    'sso.refused.title': 'Inloggningen gick inte igenom',
    'sso.backToLogin': 'Tillbaka till inloggningen',
    'sso.help':
      'Kontakta den som administrerar ditt konto i Kompetensnavet om du tror att det är fel. Ingenting har sparats om dig.',
    'sso.reason.unavailable':
      'Inloggningstjänsten svarar inte just nu. Försök igen om en stund, eller logga in med e-post och lösenord.',
    'sso.reason.idp_error': 'Inloggningen avbröts hos inloggningstjänsten.',
    'sso.reason.state':
      'Inloggningen har gått ut eller kom inte från den här webbläsaren. Börja om från inloggningssidan.',
    'sso.reason.token':
      'Svaret från inloggningstjänsten kunde inte verifieras. Börja om från inloggningssidan.',
    'sso.reason.nonce':
      'Svaret från inloggningstjänsten hörde till en annan inloggning. Börja om från inloggningssidan.',
    'sso.reason.email_unverified':
      'Inloggningstjänsten intygar inte att din e-postadress är verifierad, så vi kan inte koppla inloggningen till ett konto.',
    'sso.reason.unknown_account':
      'Det finns inget konto i Kompetensnavet med den e-postadress som inloggningstjänsten uppger. Konton skapas genom inbjudan, inte vid inloggning.',
    'sso.reason.disabled': 'Kontot med den här e-postadressen är avstängt.',
    'sso.reason.not_staff':
      'Inloggning via organisationens konto är till för personal. Ditt konto har ingen personalroll; logga in med e-post och lösenord.',
    'sso.reason.sub_mismatch':
      'Kontot är redan kopplat till en annan identitet hos inloggningstjänsten. Av säkerhetsskäl kopplas det inte om automatiskt.',
  },
  {
    'sso.button': "Sign in with your organisation's account",
    'sso.or': "Staff of the region and the municipalities can also sign in with their organisation's login.",
    'sso.refused.title': 'The sign-in did not go through',
    'sso.backToLogin': 'Back to sign-in',
    'sso.help':
      'Contact whoever manages your account in Kompetensnavet if you think this is wrong. Nothing has been stored about you.',
    'sso.reason.unavailable':
      'The sign-in service is not answering right now. Try again in a while, or sign in with e-mail and password.',
    'sso.reason.idp_error': 'The sign-in was cancelled at the sign-in service.',
    'sso.reason.state':
      'The sign-in has expired or did not start in this browser. Start again from the sign-in page.',
    'sso.reason.token':
      'The answer from the sign-in service could not be verified. Start again from the sign-in page.',
    'sso.reason.nonce':
      'The answer from the sign-in service belonged to another sign-in. Start again from the sign-in page.',
    'sso.reason.email_unverified':
      'The sign-in service does not vouch that your e-mail address is verified, so the sign-in cannot be matched to an account.',
    'sso.reason.unknown_account':
      'There is no account in Kompetensnavet with the e-mail address the sign-in service gives. Accounts are created by invitation, not at sign-in.',
    'sso.reason.disabled': 'The account with this e-mail address is disabled.',
    'sso.reason.not_staff':
      "Signing in with your organisation's account is for staff. Your account has no staff role; sign in with e-mail and password.",
    'sso.reason.sub_mismatch':
      'The account is already linked to another identity at the sign-in service. For security it is not relinked automatically.',
  },
);
export type OidcKey = keyof typeof oidcMessages.sv;
