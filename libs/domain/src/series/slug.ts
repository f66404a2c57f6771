/** A URL slug from a title: "Zelf je boeken verlengen!" → "zelf-je-boeken-verlengen" (accents dropped, at most 80 characters). */
export function slugify(title: string): string {
  return title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .slice(0, 80)
    .replace(/^-+|-+$/g, '');
}
