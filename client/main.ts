// Replaced by the client application (issue 4).
const app = document.getElementById('app');
if (app) app.textContent = 'Incident Tabletop';
