import type Handlebars from 'handlebars';
import Runtime from 'handlebars/runtime.js';

/**
 * Handlebars' runtime alone, typed as the package it is part of: what runs the templates the
 * tool ships compiled, and makes safe strings. The package itself brings the compiler and
 * source-map (some 600 KB of modules); `loadTemplates` imports it only to compile a template.
 */
export const HandlebarsRuntime = Runtime as unknown as typeof Handlebars;
