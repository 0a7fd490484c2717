import { PanelBase } from './panel-base.ts';
import {
  describeGrade,
  gradePrediction,
  predictionLines,
} from '../../runtime/checks/predict-grade.ts';
import { clearEdit, loadEdit, saveEdit } from '../workbench/storage.ts';
import {
  realOutput,
  type PredictProgram,
  type RealOutput,
} from '../../runtime/checks/real-output.ts';

/**
 * A predict-the-output exercise: the learner writes the lines they expect; Check runs the
 * program (browser programs in the worker, Node programs in WebContainer, or — when that cannot
 * run here — takes the output recorded on Node, labelled as such) and shows the first line
 * where prediction and reality part.
 */
export class PredictPanel extends PanelBase {
  #data!: PredictProgram;
  /** The program runs once per page; later Checks grade against the same output. */
  #real: RealOutput | undefined;

  protected setup(): void {
    this.#data = JSON.parse(this.piece('data').textContent!) as PredictProgram;
    const box = this.piece<HTMLTextAreaElement>('prediction');
    box.value = loadEdit(this.#key, '')?.code ?? '';
    box.addEventListener('input', () => saveEdit(this.#key, '', box.value));
    box.addEventListener('keydown', (e) => {
      if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
        e.preventDefault();
        void this.runCheck();
      }
    });
  }

  get #key(): string {
    return `predict:${this.exerciseId}`;
  }

  protected async runCheck(): Promise<void> {
    if (this.dataset['state'] === 'running') return;
    const prediction = this.piece<HTMLTextAreaElement>('prediction').value;
    const summary = this.piece('summary');
    this.piece('results').hidden = false;
    this.dataset['state'] = 'running';
    summary.dataset['state'] = 'running';
    summary.textContent = 'Running the program…';
    this.announce('Running the program…');
    try {
      this.#real ??= await realOutput(
        this.#data,
        (text) => (this.piece('runtime').textContent = text),
      );
      this.checks++;
      const grade = gradePrediction(prediction, this.#real.output);
      this.piece('runtime').textContent = this.#real.label;
      summary.textContent = describeGrade(grade);
      summary.dataset['state'] = grade.correct ? 'passed' : 'failed';
      this.#table(
        predictionLines(prediction),
        predictionLines(this.#real.output),
        grade.divergence?.line,
      );
      this.announce(summary.textContent);
      if (grade.correct) this.passed();
    } catch (error) {
      summary.textContent = `The program could not be run: ${(error as Error).message}. Try Check again.`;
      summary.dataset['state'] = 'failed';
      this.announce(summary.textContent);
    } finally {
      delete this.dataset['state'];
    }
  }

  /** Prediction and reality side by side, the first differing row marked in words too. */
  #table(mine: string[], real: string[], diverges: number | undefined): void {
    const body = this.piece('comparison').querySelector('tbody')!;
    body.replaceChildren();
    for (let i = 0; i < Math.max(mine.length, real.length); i++) {
      const tr = document.createElement('tr');
      const same = mine[i] === real[i];
      if (i + 1 === diverges) tr.className = 'first-failure';
      for (const text of [
        String(i + 1),
        mine[i] ?? '—',
        real[i] ?? '—',
        same ? '✓ same' : i + 1 === diverges ? '✗ first difference' : '✗ differs',
      ]) {
        const td = document.createElement('td');
        td.textContent = text;
        tr.append(td);
      }
      body.append(tr);
    }
    this.piece('comparison').hidden = false;
  }

  protected reset(): void {
    const box = this.piece<HTMLTextAreaElement>('prediction');
    box.value = '';
    clearEdit(this.#key);
    this.piece('results').hidden = true;
    this.announce('Your prediction was cleared.');
    box.focus();
  }

  protected renderSolution(): void {
    this.piece('reference').textContent = this.#data.recorded;
    this.piece('mine').textContent =
      this.piece<HTMLTextAreaElement>('prediction').value || '(nothing yet)';
  }
}
