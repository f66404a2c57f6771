/**
 * For component tests: lets pending promises (HTTP answers, chained awaits) finish and renders. (The
 * fixture's whenStable() would wait for requests that the test has not answered yet.)
 */
export async function settle(fixture: { detectChanges(): void }): Promise<void> {
  for (let i = 0; i < 3; i++) {
    await new Promise((r) => setTimeout(r, 0));
    fixture.detectChanges();
  }
}
