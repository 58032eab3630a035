// The dependency rule of docs/architecture (ARCHITECTURE.md §3), checked in `npm test`.
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'No import cycles.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'platform-imports-no-domain',
      severity: 'error',
      comment: 'platform/ is plumbing: it knows no business area.',
      from: { path: '^src/platform/' },
      to: { path: '^src/domains/' },
    },
    {
      name: 'domain-only-through-index',
      severity: 'error',
      comment: 'Another domain is reached only through its index.ts.',
      from: { path: '^src/domains/([^/]+)/' },
      to: { path: '^src/domains/([^/]+)/', pathNot: ['^src/domains/$1/', '^src/domains/[^/]+/index\\.ts$'] },
    },
    {
      name: 'outside-only-through-index',
      severity: 'error',
      comment: 'Code outside the domains (app, demo, cli) uses a domain only through its index.ts.',
      from: { path: '^src/(app|main|bootstrap|demo|cli|public-pages)' },
      to: { path: '^src/domains/[^/]+/', pathNot: '^src/domains/[^/]+/index\\.ts$' },
    },
    {
      name: 'views-no-data-access',
      severity: 'error',
      comment: 'Views get view models: no repositories, services, database or mail.',
      from: { path: '^src/domains/[^/]+/views/' },
      to: { path: ['/repo\\.ts$', '/service\\.ts$', '/service/', '^src/platform/(db|mail|audit)\\.ts$'], dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'routes-no-sql',
      severity: 'error',
      comment: 'Routes parse, call a service and render: no SQL.',
      from: { path: '^src/domains/[^/]+/(routes|api)\\.tsx?$' },
      to: { path: ['/repo\\.ts$', '^src/platform/db\\.ts$'], dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'repo-only-platform-db',
      severity: 'error',
      comment: 'A repository touches the database and nothing higher.',
      from: { path: ['/repo\\.ts$', '/repo-[a-z]+\\.ts$'] },
      to: { path: ['/service', '/routes', '/views/', '/policy\\.ts$'], dependencyTypesNot: ['type-only'] },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '\\.test\\.tsx?$' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.tsx', '.js'] },
  },
};
