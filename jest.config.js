// NestJS 12 ships as ES modules; Jest's runtime is CommonJS, so SWC transforms those packages too.
const esmPackages = [
  '@nestjs', '@electric-sql', 'file-type', 'strtok3', 'token-types', '@tokenizer', '@borewit',
  'uint8array-extras', '@standard-schema', 'toad-cache', 'cookie', 'set-cookie-parser',
  'content-disposition', 'libphonenumber-js', 'es-toolkit',
];
const swc = [
  '@swc/jest',
  {
    jsc: {
      target: 'es2022',
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      keepClassNames: true,
    },
    module: { type: 'commonjs', ignoreDynamic: true },
    sourceMaps: 'inline',
  },
];
const common = {
  transform: { '^.+\\.(t|j|mj)s$': swc },
  transformIgnorePatterns: [`/node_modules/(?!(${esmPackages.join('|')})/)`],
  moduleFileExtensions: ['ts', 'js', 'mjs', 'json', 'node'],
  testEnvironment: 'node',
};
module.exports = {
  testTimeout: 60000,
  projects: [
    { ...common, displayName: 'unit', rootDir: __dirname, testMatch: ['<rootDir>/src/**/*.spec.ts'] },
    {
      ...common,
      displayName: 'e2e',
      rootDir: __dirname,
      testMatch: ['<rootDir>/test/e2e/**/*.e2e-spec.ts'],
      globalSetup: '<rootDir>/test/setup/global-setup.ts',
      globalTeardown: '<rootDir>/test/setup/global-teardown.ts',
    },
    {
      // Browser journeys: headless Chromium against the built console (SPEC §10).
      ...common,
      displayName: 'web',
      rootDir: __dirname,
      testMatch: ['<rootDir>/test/web/**/*.web-spec.ts'],
      globalSetup: '<rootDir>/test/setup/web-global-setup.ts',
      globalTeardown: '<rootDir>/test/setup/global-teardown.ts',
    },
  ],
};
