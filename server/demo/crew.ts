import type { Role } from '../../sync/protocol/enums';

/*
 * The made-up team `npm run demo` brings to life: a dispatcher and eight technicians at two depots
 * six hours apart, with the categories, quick links and kinds of faults a field-service crew sees.
 */

export const DEMO_PASSWORD = 'demo password';

export interface DemoPlace {
  key: 'hamburg' | 'chicago';
  name: string;
  address: string;
  timezone: string;
}

export const PLACES: readonly DemoPlace[] = [
  { key: 'hamburg', name: 'Hamburg depot', address: 'Billstraße 112\n20539 Hamburg', timezone: 'Europe/Berlin' },
  { key: 'chicago', name: 'Chicago yard', address: '2150 S Canalport Ave\nChicago, IL 60608', timezone: 'America/Chicago' },
];

export interface DemoPerson {
  key: string;
  name: string;
  email: string;
  role: Role;
  place: DemoPlace['key'];
  color: string;
}

export const DISPATCHER: DemoPerson = { key: 'dispatcher', name: 'Dana Whitfield', email: 'dana@demo.example.com', role: 'admin', place: 'hamburg', color: '#1d4ed8' };

export const TECHNICIANS: readonly DemoPerson[] = [
  { key: 'jonas', name: 'Jonas Becker', email: 'jonas@demo.example.com', role: 'technician', place: 'hamburg', color: '#0f766e' },
  { key: 'amira', name: 'Amira Haddad', email: 'amira@demo.example.com', role: 'technician', place: 'hamburg', color: '#b45309' },
  { key: 'lukas', name: 'Lukas Novak', email: 'lukas@demo.example.com', role: 'technician', place: 'hamburg', color: '#7c3aed' },
  { key: 'sofia', name: 'Sofia Lindqvist', email: 'sofia@demo.example.com', role: 'technician', place: 'hamburg', color: '#be123c' },
  { key: 'marcus', name: 'Marcus Reed', email: 'marcus@demo.example.com', role: 'technician', place: 'chicago', color: '#15803d' },
  { key: 'elena', name: 'Elena Ruiz', email: 'elena@demo.example.com', role: 'technician', place: 'chicago', color: '#c2410c' },
  { key: 'dwayne', name: 'Dwayne Carter', email: 'dwayne@demo.example.com', role: 'technician', place: 'chicago', color: '#4338ca' },
  { key: 'mei', name: 'Mei Tanaka', email: 'mei@demo.example.com', role: 'technician', place: 'chicago', color: '#0e7490' },
];

export const CATEGORIES = [
  { name: 'Heating', color: '#dc2626' },
  { name: 'Cooling', color: '#2563eb' },
  { name: 'Electrical', color: '#ca8a04' },
  { name: 'Plumbing', color: '#0891b2' },
] as const;

export const QUICK_LINKS = [
  { title: 'Safety handbook', url: 'https://example.com/safety-handbook.pdf' },
  { title: 'Parts catalogue', url: 'https://parts.example.com/' },
  { title: 'Expense form', url: 'https://forms.example.com/expenses' },
] as const;

/** Faults by category (index into CATEGORIES), and the customers who have them. */
export const FAULTS: readonly { category: number; title: string; detail: string }[] = [
  { category: 0, title: 'Boiler will not fire', detail: 'Lockout light on since the morning; customer reset it twice.' },
  { category: 0, title: 'Radiators cold on the second floor', detail: 'Ground floor is fine. Possibly air in the system.' },
  { category: 0, title: 'Heat pump short-cycling', detail: 'Starts and stops every few minutes; noisy when it starts.' },
  { category: 1, title: 'Walk-in freezer alarm', detail: 'Temperature alarm at −12 °C; stock moved to the spare unit.' },
  { category: 1, title: 'Rooftop unit blowing warm air', detail: 'Office above 27 °C in the afternoon.' },
  { category: 1, title: 'Ice machine leaking', detail: 'Water on the floor under the machine every morning.' },
  { category: 2, title: 'Backup generator failed its weekly test', detail: 'Did not start during the Monday test run.' },
  { category: 2, title: 'Breaker trips when the compressor starts', detail: 'Happens two or three times a day.' },
  { category: 2, title: 'Emergency lighting test failed', detail: 'Three fittings in the stairwell stay dark.' },
  { category: 3, title: 'Low water pressure in the kitchen', detail: 'Started after the street works last week.' },
  { category: 3, title: 'Hot water cylinder dripping', detail: 'Relief valve drips constantly.' },
  { category: 3, title: 'Pump making a grinding noise', detail: 'Circulation pump in the plant room, loud since yesterday.' },
];

export const SITES: Record<DemoPlace['key'], readonly string[]> = {
  hamburg: ['Hafen Café', 'Alster Dental', 'Elbe Logistics', 'Kunsthalle shop', 'St. Georg school'],
  chicago: ['Lakeview Bakery', 'Pilsen Fitness', 'Union Station kiosk', 'Riverwalk Hotel', 'South Loop clinic'],
};
