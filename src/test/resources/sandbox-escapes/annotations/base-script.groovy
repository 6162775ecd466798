@groovy.transform.BaseScript groovy.lang.Script base
