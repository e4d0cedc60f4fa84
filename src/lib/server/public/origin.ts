// The site's public origin, for absolute addresses (Open Graph, canonical links, the feed, the
// sitemap, robots.txt). The built server always has one: ORIGIN, or http://localhost:PORT set by
// src/start.js — never the request's Host header, which a visitor chooses and which would end up in
// pages kept by the public cache. Only the Vite dev server falls back to the request's origin.
import { config } from '../config';

export function siteOrigin(requestUrl: URL): string {
	return (config().origin ?? requestUrl.origin).replace(/\/+$/, '');
}
