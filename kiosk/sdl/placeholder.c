/* Placeholder until the backend lands (a library needs one source). */
int kiosk_sdl_placeholder(void);
int kiosk_sdl_placeholder(void)
{
    return 0;
}
