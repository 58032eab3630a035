// Types shared by the catalogue's repositories.
export type CourseFormat = 'classroom' | 'digital' | 'blended';
export type Financing = 'procured' | 'company' | 'public';
export type CourseStatus = 'draft' | 'submitted' | 'approved' | 'withdrawn';
export type SessionActivity = 'teaching' | 'practice' | 'digital' | 'exam';

export interface CodeName {
  code: string;
  name: string;
}
