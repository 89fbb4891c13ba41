import path from 'node:path';

/**
 * Where a path written with `/` (a record file relative to its folder, a site path) lies under
 * a folder, in the platform's own form. Shared by the stages that read records and those that
 * write the site.
 */
export function fileUnder(root: string, slashPath: string): string {
  return path.join(root, ...slashPath.split('/'));
}
