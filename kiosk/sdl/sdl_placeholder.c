/* placeholder so the ui library has a source until the widgets land */
int kiosk_sdl_placeholder(void);
int kiosk_sdl_placeholder(void)
{
    return 0;
}
