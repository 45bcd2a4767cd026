/** A small document icon for "this SK has its scan". */
export function ScanIcon() {
  return (
    <svg width="12" height="14" viewBox="0 0 12 14" aria-hidden="true" focusable="false">
      <path d="M1 1h6.5L11 4.5V13H1z" fill="none" stroke="currentColor" strokeWidth="1.3" />
      <path d="M7 1v4h4M3 7.5h6M3 10h6" fill="none" stroke="currentColor" strokeWidth="1.1" />
    </svg>
  );
}
