/**
 * Where keyboard focus goes when what the user looks at changes without their moving focus (a
 * new screen, a file opened, an upload ending): to the heading of what is new, so that Tab goes
 * on from there instead of from the sidebar, and a screen reader reads the heading out.
 * Headings that take focus this way carry tabIndex -1: focusable by script, not in the Tab order.
 */
export function focusHeading(heading: HTMLElement | null | undefined): void {
  heading?.focus();
}

/** The current screen's title (its `h1`). */
export function focusScreenHeading(): void {
  focusHeading(document.querySelector<HTMLElement>('.main__content h1'));
}
