/** Paper for printed documents. F4 (folio) is what Indonesian offices print official letters on. */
export const PAPERS = ['A4', 'F4'] as const;
export type Paper = (typeof PAPERS)[number];

/** Sheet sizes in millimetres, portrait. */
export const PAPER_MM: Record<Paper, { width: number; height: number }> = {
  A4: { width: 210, height: 297 },
  F4: { width: 215, height: 330 },
};

export const PAPER_LABELS: Record<Paper, string> = { A4: 'A4 (210 × 297 mm)', F4: 'F4 / Folio (215 × 330 mm)' };

export interface PdfOptions {
  paper: Paper;
  landscape?: boolean;
}

/** The CSS `@page size` value for a paper and orientation (the PDF printers honour it). */
export function cssPageSize(o: PdfOptions): string {
  const { width, height } = PAPER_MM[o.paper];
  return o.landscape ? `${height}mm ${width}mm` : `${width}mm ${height}mm`;
}
