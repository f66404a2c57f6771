import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';

/**
 * For component tests: clears localStorage and sets up TestBed with an HttpClient whose requests the test answers
 * (and, with `router`, an empty router). Returns the controller that answers them.
 */
export function setUpHttpTest({ router = false } = {}): HttpTestingController {
  localStorage.clear();
  TestBed.configureTestingModule({ providers: [...(router ? [provideRouter([])] : []), provideHttpClient(), provideHttpClientTesting()] });
  return TestBed.inject(HttpTestingController);
}

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
