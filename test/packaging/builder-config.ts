// Node, test helper: electron-builder.yml as electron-builder sees it — parsed with the same
// YAML library, validated against the JSON schema electron-builder ships and validates with.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import { load as parseYaml } from 'js-yaml';
import { projectRoot } from './built-app.js';

export type BuilderConfig = Record<string, any>;

export const configFile = path.join(projectRoot, 'electron-builder.yml');

export function loadBuilderConfig(): BuilderConfig {
  const parsed = parseYaml(fs.readFileSync(configFile, 'utf8'));
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
    throw new Error('electron-builder.yml is not a mapping');
  return parsed;
}

/** app-builder-lib's scheme.json, the schema electron-builder checks every configuration with. */
export function builderSchemaFile(): string {
  const requireFromBuilder = createRequire(createRequire(import.meta.url).resolve('electron-builder/package.json'));
  return path.join(path.dirname(requireFromBuilder.resolve('app-builder-lib/package.json')), 'scheme.json');
}

let validator: ValidateFunction | null = null;

/**
 * The schema errors for `config`, empty when valid. Stricter than electron-builder, which
 * coerces types ("true" → true): here a value of the wrong type is an error.
 */
export function schemaErrors(config: unknown): ErrorObject[] {
  if (!validator) {
    // The schema is draft-07, which is Ajv's default dialect. It uses union types, and one
    // keyword of its generator ("typeof"), which carries no constraint.
    const ajv = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true });
    ajv.addKeyword('typeof');
    validator = ajv.compile(JSON.parse(fs.readFileSync(builderSchemaFile(), 'utf8')));
  }
  return validator(config) ? [] : [...(validator.errors ?? [])];
}

/** Where electron-builder looks for a configured resource: build resources, then the project. */
export function resolveResource(config: BuilderConfig, file: string): string | null {
  const roots = [path.join(projectRoot, config.directories?.buildResources ?? 'build'), projectRoot];
  for (const root of roots) {
    const candidate = path.resolve(root, file);
    if (fs.existsSync(candidate)) return candidate;
  }
  return null;
}
