// Sizes the coordination forms share with their schemas (./inputs). Kept apart from the schemas
// so that client components can read them without shipping zod to the browser.
export const TITLE_MAX = 200;
export const TEXT_MAX = 5_000;
/** Point rows a form renders; the parser accepts any row number it is sent. */
export const POINT_ROWS = 8;
