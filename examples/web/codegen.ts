import type { CodegenConfig } from '@graphql-codegen/cli';

// Typed against the gateway's published contract, the SDL the gateway's own codegen prints from schema/.
const config: CodegenConfig = {
  schema: '../../src/graphql/schema.generated.graphql',
  documents: ['src/**/*.{ts,tsx}', '!src/gql/**'],
  overwrite: true,
  generates: {
    'src/gql/': {
      preset: 'client',
      presetConfig: { fragmentMasking: false },
      config: {
        useTypeImports: true,
        enumsAsTypes: true,
        strictScalars: true,
        scalars: { DateTime: 'string', Long: 'number', JSON: 'unknown' },
      },
    },
    // What the gateway's TRUSTED_DOCUMENTS_MANIFEST needs to run this app in allow or enforce mode.
    'trusted-documents.json': { plugins: ['./scripts/trusted-documents-plugin.mjs'] },
    // Apollo Client needs every union and interface member up front, or fragments on them match nothing.
    'src/gql/possibleTypes.ts': { plugins: ['fragment-matcher'], config: { useExplicitTyping: true } },
  },
};

export default config;
