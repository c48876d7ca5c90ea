/* The host-services table handed to every plugin (struct kiosk_host_api): basics, the
 * widget half mapped onto ui.h, and the domain half from api_domain.h. It holds no state. */
#ifndef KIOSK_HOST_API_H
#define KIOSK_HOST_API_H

#include <kiosk/plugin.h>

/* The one table; static, valid for the life of the process. */
const struct kiosk_host_api *host_api(void);

#endif
