// A real OpenID provider (oidc-provider) on 127.0.0.1, run as its own process: the tests' council identity
// provider. Usage: node oidc-provider.mjs <port> <redirect-uri> '<accounts JSON>'. Its built-in development
// sign-in form takes any login (an account id below) and password. Prints "ready <issuer>" when listening.
import Provider from 'oidc-provider';

const [port, redirectUri, accountsJson] = process.argv.slice(2);
const accounts = JSON.parse(accountsJson);
const issuer = `http://127.0.0.1:${port}`;

const provider = new Provider(issuer, {
  clients: [
    {
      client_id: 'improvement-plan-tracker',
      redirect_uris: [redirectUri],
      token_endpoint_auth_method: 'none',
      grant_types: ['authorization_code'],
      response_types: ['code'],
    },
  ],
  claims: { openid: ['sub'], profile: ['name', 'roles', 'plans'], email: ['email'] },
  // The role and plans claims travel in the ID token, as Entra ID puts app roles there.
  conformIdTokenClaims: false,
  features: { devInteractions: { enabled: true } },
  pkce: { required: () => true },
  async findAccount(_ctx, id) {
    const account = accounts[id];
    if (!account) return undefined;
    return { accountId: id, claims: async () => ({ sub: id, ...account }) };
  },
});
provider.listen(Number(port), '127.0.0.1', () => process.stdout.write(`ready ${issuer}\n`));
