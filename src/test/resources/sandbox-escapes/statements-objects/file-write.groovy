new File('OUT/pwned').text = 'x'
