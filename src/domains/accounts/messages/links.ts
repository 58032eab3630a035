import { defineMessages } from '../../../platform/i18n/index.ts';

/** Invitations, password reset and the e-mails that carry their one-time links. */
export const linkMessages = defineMessages(
  {
    'invitation.title': 'Aktivera ditt konto',
    'invitation.intro':
      'Du har bjudits in till Kompetensnavet. Ange ditt namn och välj ett lösenord för att aktivera kontot.',
    'invitation.email': 'E-postadress',
    'invitation.name': 'Namn',
    'invitation.password': 'Lösenord',
    'invitation.passwordHint':
      'Minst 12 tecken. Ett långt lösenord av flera ord är lätt att minnas och svårt att gissa.',
    'invitation.confirm': 'Upprepa lösenordet',
    'invitation.submit': 'Aktivera kontot',
    'invitation.accepted': 'Välkommen! Ditt konto är aktiverat och du är inloggad.',
    'link.invalid.title': 'Länken fungerar inte',
    'link.invalid.body':
      'Länken har gått ut, har redan använts eller är felaktig. Av säkerhetsskäl kan en länk bara användas en gång.',
    'link.invalid.invitation': 'Be den som bjöd in dig att skicka en ny inbjudan.',
    'link.invalid.reset': 'Du kan beställa en ny länk för att återställa lösenordet.',
    'link.invalid.newReset': 'Beställ en ny länk',
    'forgot.title': 'Glömt lösenordet',
    'forgot.intro':
      'Ange e-postadressen du loggar in med. Om det finns ett konto för adressen skickar vi en länk där du kan välja ett nytt lösenord.',
    'forgot.email': 'E-postadress',
    'forgot.submit': 'Skicka länk',
    'forgot.sent.title': 'Kontrollera din e-post',
    'forgot.sent.body':
      'Om det finns ett konto för adressen har vi skickat en länk för att välja ett nytt lösenord. Länken gäller i en timme och kan bara användas en gång.',
    'forgot.sent.spam':
      'Kommer inget meddelande? Titta i skräpposten, eller kontakta den som administrerar ditt konto.',
    'forgot.backToLogin': 'Tillbaka till inloggningen',
    'reset.title': 'Välj ett nytt lösenord',
    'reset.intro': 'Välj ett nytt lösenord för {email}. Alla dina andra inloggningar avslutas.',
    'reset.password': 'Nytt lösenord',
    'reset.confirm': 'Upprepa det nya lösenordet',
    'reset.submit': 'Spara lösenordet',
    'reset.done': 'Ditt lösenord är bytt. Alla andra inloggningar har avslutats.',
    'mail.invitation.subject': 'Inbjudan till Kompetensnavet',
    'mail.invitation.body':
      'Hej {name}!\n\n{inviter} har bjudit in dig till Kompetensnavet med rollen {role} i {organisation}.\n\nAktivera ditt konto och välj lösenord via länken nedan. Länken gäller i 7 dagar och kan bara användas en gång.\n\n{link}\n\nOm du inte väntade dig inbjudan kan du bortse från meddelandet.',
    'mail.notice.subject': 'Ny roll i Kompetensnavet',
    'mail.notice.body':
      'Hej {name}!\n\n{inviter} har gett dig rollen {role} i {organisation} i Kompetensnavet.\n\nLogga in som vanligt: {link}',
    'mail.reset.subject': 'Återställ ditt lösenord i Kompetensnavet',
    'mail.reset.body':
      'Hej {name}!\n\nNågon, troligen du, har bett om att få byta lösenord för ditt konto i Kompetensnavet.\n\nVälj ett nytt lösenord via länken nedan. Länken gäller i en timme och kan bara användas en gång.\n\n{link}\n\nOm du inte har bett om det kan du bortse från meddelandet. Ditt lösenord ändras inte.',
    'mail.otherLanguage': 'In English',
  },
  {
    'invitation.title': 'Activate your account',
    'invitation.intro':
      'You have been invited to Kompetensnavet. Enter your name and choose a password to activate the account.',
    'invitation.email': 'E-mail address',
    'invitation.name': 'Name',
    'invitation.password': 'Password',
    'invitation.passwordHint':
      'At least 12 characters. A long password of several words is easy to remember and hard to guess.',
    'invitation.confirm': 'Repeat the password',
    'invitation.submit': 'Activate the account',
    'invitation.accepted': 'Welcome! Your account is active and you are signed in.',
    'link.invalid.title': 'The link does not work',
    'link.invalid.body':
      'The link has expired, has already been used or is not correct. For security, a link can only be used once.',
    'link.invalid.invitation': 'Ask the person who invited you to send a new invitation.',
    'link.invalid.reset': 'You can ask for a new link to reset your password.',
    'link.invalid.newReset': 'Ask for a new link',
    'forgot.title': 'Forgot your password',
    'forgot.intro':
      'Enter the e-mail address you sign in with. If there is an account for the address, we will send a link where you can choose a new password.',
    'forgot.email': 'E-mail address',
    'forgot.submit': 'Send link',
    'forgot.sent.title': 'Check your e-mail',
    'forgot.sent.body':
      'If there is an account for the address, we have sent a link to choose a new password. The link is valid for one hour and can only be used once.',
    'forgot.sent.spam': 'No message? Look in your spam folder, or contact whoever administers your account.',
    'forgot.backToLogin': 'Back to sign in',
    'reset.title': 'Choose a new password',
    'reset.intro': 'Choose a new password for {email}. All your other sessions will be ended.',
    'reset.password': 'New password',
    'reset.confirm': 'Repeat the new password',
    'reset.submit': 'Save the password',
    'reset.done': 'Your password has been changed. All other sessions have been ended.',
    'mail.invitation.subject': 'Invitation to Kompetensnavet',
    'mail.invitation.body':
      'Hello {name},\n\n{inviter} has invited you to Kompetensnavet with the role {role} in {organisation}.\n\nActivate your account and choose a password through the link below. The link is valid for 7 days and can only be used once.\n\n{link}\n\nIf you did not expect this invitation, you can ignore this message.',
    'mail.notice.subject': 'New role in Kompetensnavet',
    'mail.notice.body':
      'Hello {name},\n\n{inviter} has given you the role {role} in {organisation} in Kompetensnavet.\n\nSign in as usual: {link}',
    'mail.reset.subject': 'Reset your password in Kompetensnavet',
    'mail.reset.body':
      'Hello {name},\n\nSomeone, probably you, asked to change the password of your account in Kompetensnavet.\n\nChoose a new password through the link below. The link is valid for one hour and can only be used once.\n\n{link}\n\nIf you did not ask for this, you can ignore this message. Your password will not change.',
    'mail.otherLanguage': 'På svenska',
  },
);
