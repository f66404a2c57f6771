import { ChangeDetectionStrategy, Component } from '@angular/core';
import { RouterLink } from '@angular/router';
import { TranslatePipe } from '../i18n/i18n';

@Component({
  selector: 'app-not-found',
  imports: [RouterLink, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `<main class="card" style="max-width:32rem;margin:3rem auto">
    <h1>{{ 'notFound.title' | t }}</h1>
    <p>{{ 'notFound.text' | t }}</p>
    <p><a routerLink="/">{{ 'notFound.back' | t }}</a></p>
  </main>`,
})
export class NotFound {}
