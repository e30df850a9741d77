import { render } from 'preact';
import 'uplot/dist/uPlot.min.css';
import './styles/app.css';
import './styles/top-bar.css';
import './styles/touch-targets.css';
import { App } from './app.tsx';

render(<App />, document.getElementById('app') as HTMLElement);
