// File sizes in French: « 850 octets », « 12 ko », « 1,2 Mo ».
const oneDecimal = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 1 });

export function formatSize(bytes: number): string {
	if (bytes < 1024) return `${bytes} octet${bytes > 1 ? 's' : ''}`;
	if (bytes < 1024 * 1024) return `${oneDecimal.format(bytes / 1024)} ko`;
	return `${oneDecimal.format(bytes / (1024 * 1024))} Mo`;
}
