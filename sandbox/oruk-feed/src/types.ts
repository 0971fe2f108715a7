// The parts of an Open Referral UK (HSDS 3) service record this feed publishes, as plain JSON.

export interface OrukPhone {
  id: string;
  number: string;
  type?: string;
}

export interface OrukAddress {
  id: string;
  location_id: string;
  address_1: string;
  city: string;
  state_province: string;
  postal_code: string;
  country: string;
  address_type: 'physical' | 'postal' | 'virtual';
}

export interface OrukLocation {
  id: string;
  location_type: 'physical' | 'postal' | 'virtual';
  name: string;
  latitude?: number;
  longitude?: number;
  addresses: OrukAddress[];
}

export interface OrukServiceAtLocation {
  id: string;
  service_id: string;
  location_id: string;
  location: OrukLocation;
}

export interface OrukContact {
  id: string;
  service_id: string;
  name: string;
  title?: string;
  email?: string;
  phones: OrukPhone[];
}

export interface OrukSchedule {
  id: string;
  service_id: string;
  freq: 'WEEKLY' | 'MONTHLY';
  byday: string;
  opens_at: string;
  closes_at: string;
  valid_from?: string;
  description?: string;
}

export interface OrukTaxonomyTerm {
  id: string;
  code: string;
  name: string;
  description: string;
  taxonomy: string;
}

export interface OrukAttribute {
  id: string;
  link_id: string;
  link_type: string;
  link_entity: 'service';
  taxonomy_term_id: string;
  taxonomy_term: OrukTaxonomyTerm;
}

export interface OrukOrganization {
  id: string;
  name: string;
  description: string;
  email?: string;
  url?: string;
}

export interface OrukService {
  id: string;
  name: string;
  description: string;
  url: string;
  email?: string;
  status: 'active' | 'inactive' | 'defunct' | 'temporarily closed';
  eligibility_description?: string;
  minimum_age?: number;
  maximum_age?: number;
  assured_date?: string;
  organization: OrukOrganization;
  phones: OrukPhone[];
  contacts: OrukContact[];
  schedules: OrukSchedule[];
  service_at_locations: OrukServiceAtLocation[];
  attributes: OrukAttribute[];
}

/** One page of `/services` (the HSDS paged list). */
export interface OrukPage {
  total_items: number;
  total_pages: number;
  page_number: number;
  size: number;
  first_page: boolean;
  last_page: boolean;
  empty: boolean;
  contents: OrukService[];
}
