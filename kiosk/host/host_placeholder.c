/* placeholder so the ui library has a source until the widgets land */
int kiosk_host_placeholder(void);
int kiosk_host_placeholder(void)
{
    return 0;
}
