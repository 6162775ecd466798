def l = this.locator
