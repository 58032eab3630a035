import { defineMessages } from '../../platform/i18n/index.ts';

/** The xapi domain's catalogue (keys start with `xapi.`). */
export const messages = defineMessages(
  {
    'xapi.title': 'xAPI-åtkomst (LRS)',
    'xapi.intro':
      'Externa lärverktyg och analysverktyg når regionens lärandepåståenden (xAPI 1.0.3) på {endpoint} med HTTP Basic-inloggning: nyckel som användarnamn och hemlighet som lösenord.',
    'xapi.clients.caption': 'Utfärdade LRS-inloggningar',
    'xapi.clients.none': 'Inga LRS-inloggningar har utfärdats ännu.',
    'xapi.clients.name': 'Namn',
    'xapi.clients.key': 'Nyckel',
    'xapi.clients.scopes': 'Behörighet',
    'xapi.clients.created': 'Skapad',
    'xapi.clients.lastUsed': 'Senast använd',
    'xapi.clients.never': 'Aldrig',
    'xapi.clients.status': 'Status',
    'xapi.clients.active': 'Aktiv',
    'xapi.clients.revoked': 'Återkallad',
    'xapi.clients.revoke': 'Återkalla {name}',
    'xapi.clients.revokeShort': 'Återkalla',
    'xapi.clients.revokedFlash': 'Inloggningen är återkallad.',
    'xapi.scope.read': 'Läsa',
    'xapi.scope.write': 'Skriva',
    'xapi.scope.readwrite': 'Läsa och skriva',
    'xapi.new.title': 'Ny LRS-inloggning',
    'xapi.new.name': 'Namn på verktyget',
    'xapi.new.nameHint':
      'Till exempel leverantörens lärplattform. Visas i listan och som statements authority.',
    'xapi.new.scope': 'Behörighet',
    'xapi.new.submit': 'Utfärda inloggning',
    'xapi.created.title': 'Spara hemligheten nu',
    'xapi.created.body':
      'Hemligheten visas bara den här gången. Lämna nyckel och hemlighet till verktygets ansvarige på ett säkert sätt.',
    'xapi.created.key': 'Nyckel',
    'xapi.created.secret': 'Hemlighet',
  },
  {
    'xapi.title': 'xAPI access (LRS)',
    'xapi.intro':
      "External learning and analytics tools reach the region's learning statements (xAPI 1.0.3) at {endpoint} with HTTP Basic authentication: the key as user name and the secret as password.",
    'xapi.clients.caption': 'Issued LRS credentials',
    'xapi.clients.none': 'No LRS credentials have been issued yet.',
    'xapi.clients.name': 'Name',
    'xapi.clients.key': 'Key',
    'xapi.clients.scopes': 'Access',
    'xapi.clients.created': 'Created',
    'xapi.clients.lastUsed': 'Last used',
    'xapi.clients.never': 'Never',
    'xapi.clients.status': 'Status',
    'xapi.clients.active': 'Active',
    'xapi.clients.revoked': 'Revoked',
    'xapi.clients.revoke': 'Revoke {name}',
    'xapi.clients.revokeShort': 'Revoke',
    'xapi.clients.revokedFlash': 'The credentials are revoked.',
    'xapi.scope.read': 'Read',
    'xapi.scope.write': 'Write',
    'xapi.scope.readwrite': 'Read and write',
    'xapi.new.title': 'New LRS credentials',
    'xapi.new.name': 'Name of the tool',
    'xapi.new.nameHint':
      "For example the provider's learning platform. Shown in the list and as the statements' authority.",
    'xapi.new.scope': 'Access',
    'xapi.new.submit': 'Issue credentials',
    'xapi.created.title': 'Save the secret now',
    'xapi.created.body':
      "The secret is shown this once only. Hand the key and secret to the tool's owner securely.",
    'xapi.created.key': 'Key',
    'xapi.created.secret': 'Secret',
  },
);

export type XapiKey = keyof typeof messages.sv;
