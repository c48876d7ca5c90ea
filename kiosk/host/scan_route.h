/* Where a scan goes. Every scanned text (the USB scanner's bursts, the camera's decodes,
 * a script's `scan`) passes through host_scan_route, the one routing of the kiosk. */
#ifndef KIOSK_HOST_SCAN_ROUTE_H
#define KIOSK_HOST_SCAN_ROUTE_H

struct app;

/* Routes one scanned text, on any screen:
 *  1. the coordinator's admin card opens the PIN pad (the admin screens take nothing else);
 *  2. a kiosk receipt (KC1...) is verified in the core (signature, trusted key, this
 *     program's event); a valid one goes to the plugin claiming it most strongly
 *     (claims_receipt: its kind and event), whatever is on screen and whatever the kiosk
 *     is set to: that plugin is shown and its on_receipt called; a refused one, or one no
 *     plugin claims, is said in a banner naming why or the event (title, place, code);
 *  3. any other text goes to the shown plugin's on_scan, or on the home screen to each
 *     plugin's in turn; one nobody takes gives "Không nhận ra mã vừa quét". */
void host_scan_route(struct app *a, const char *text);

#endif
