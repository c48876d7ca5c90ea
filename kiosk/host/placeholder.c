/* Placeholder until the runtime lands (a library needs one source). */
int kiosk_host_placeholder(void);
int kiosk_host_placeholder(void)
{
    return 0;
}
