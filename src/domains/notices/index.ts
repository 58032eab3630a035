// The accessibility statement, the privacy notice and accessibility reports (issue 8). Other domains
// import only this file.

export { seedNoticesDemo } from './demo.ts';
export { messages as noticesMessages } from './messages.ts';
export { canReadAccessibilityReports } from './policy.ts';
export { noticesRoutes } from './routes.tsx';
